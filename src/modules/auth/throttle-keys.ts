import { createHmac } from 'node:crypto'
import ipaddr from 'ipaddr.js'

/** The throttle's own secret, derived from the data key so that nodes and the CLI agree on it. */
export function throttleSecretOf(dataKey: Buffer): Buffer {
  return createHmac('sha256', dataKey).update('wangge login throttle').digest()
}

/**
 * What failures count against for a typed username: a keyed hash, so the throttle tables never hold
 * what people typed (sometimes their password), and guessed names cannot be read back from them.
 */
export function throttleAccountKey(secret: Buffer, username: string): string {
  return createHmac('sha256', secret).update(username.toLowerCase()).digest('base64url')
}

/**
 * The source a sign-in failure counts against. An IPv4 address is itself (an IPv4-mapped IPv6
 * address counts as its IPv4 address); an IPv6 address counts as its /64, the block one subscriber
 * line or one cloud host is given, so walking through its 2^64 addresses is one source, not many.
 * No address at all (a test's inject, a socket without one) is one source, never none.
 */
export function throttleSourceOf(ip: string | null): string {
  if (!ip || !ipaddr.isValid(ip)) return ip ?? ''
  const address = ipaddr.process(ip)
  if (address.kind() === 'ipv4') return address.toString()
  const prefix = (address as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16))
  return `${prefix.join(':')}::/64`
}
