import { randomPool } from './random-pool'

const sixteenBytes = randomPool(16)

/** The last id's millisecond and its counter, so ids made in one millisecond sort in order too. */
let lastMs = -1
let counter = 0

/**
 * UUID version 7 (RFC 9562): time-ordered, so new rows land at the end of their index. Within one
 * millisecond the 12 bits after the version are a counter (RFC 9562 §6.2, method 1) that starts at
 * a random value below 2048: ids made in the same millisecond by this process sort in the order
 * they were made (two notices written in one statement list in the order they were told).
 */
export function uuidv7(now = Date.now()): string {
  if (now === lastMs && counter < 0xfff) counter += 1
  else {
    lastMs = now
    counter = Math.floor(Math.random() * 0x800)
  }
  const bytes = sixteenBytes()
  bytes.writeUIntBE(now, 0, 6)
  bytes[6] = 0x70 | (counter >> 8)
  bytes[7] = counter & 0xff
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
