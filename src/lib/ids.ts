import { randomPool } from './random-pool'

const sixteenBytes = randomPool(16)

/** UUID version 7 (RFC 9562): time-ordered, so new rows land at the end of their index. */
export function uuidv7(now = Date.now()): string {
  const bytes = sixteenBytes()
  bytes.writeUIntBE(now, 0, 6)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
