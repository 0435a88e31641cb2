import { createHash, randomBytes } from 'node:crypto'

/** A random secret for a session or an API key: 32 bytes, base64url. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url')
}

/** Secrets are stored only as their SHA-256; they are high-entropy, so no slow hash is needed. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
