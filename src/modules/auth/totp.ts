import { randomBytes } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'

/** RFC 6238 as authenticator apps expect it: SHA-1, 6 digits, 30-second steps. */
const PERIOD_SECONDS = 30
const ISSUER = 'Wangge 网格'
export const RECOVERY_CODE_COUNT = 10

const totpOf = (secretBase32: string, label = '') =>
  new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  })

/** A new random secret (160 bits, as RFC 4226 recommends), in base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

/** The otpauth:// address and its QR code (a PNG data: URL) for an authenticator app. */
export async function enrolmentOf(secretBase32: string, username: string) {
  const uri = totpOf(secretBase32, username).toString()
  return { uri, qr: await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 }) }
}

/** The time step a code belongs to, one step either side of now allowed, or null when it matches none. */
export function stepOfCode(secretBase32: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null
  const delta = totpOf(secretBase32).validate({ token: code, timestamp: now, window: 1 })
  return delta === null ? null : Math.floor(now / 1000 / PERIOD_SECONDS) + delta
}

/** Ten one-time codes of 80 random bits each, written `xxxx-xxxx-xxxx-xxxx` (base32, lower case). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const text = new Secret({ buffer: randomBytes(10).buffer }).base32.toLowerCase()
    return text.match(/.{4}/g)?.join('-') ?? text
  })
}

/** A recovery code as stored (hashed): case, spaces and dashes do not matter when typed. */
export function normaliseRecoveryCode(typed: string): string {
  return typed.toLowerCase().replace(/[^a-z2-7]/g, '')
}
