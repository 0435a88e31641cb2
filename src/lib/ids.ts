import { randomPool } from './random-pool'

const sixteenBytes = randomPool(16)

/** The clock's last id: its millisecond and counter, so ids made in one millisecond sort in order too. */
let lastMs = -1
let counter = 0

/**
 * UUID version 7 (RFC 9562): time-ordered, so new rows land at the end of their index. The 12 bits
 * after the version are a counter (RFC 9562 §6.2, method 1) that starts each millisecond at a random
 * value below 2048: ids this process makes from the clock sort in the order they were made (two
 * notices written in one statement list in the order they were told), even past 4,096 in one
 * millisecond (the time then runs a millisecond ahead) or with the clock stepped back. An id for a
 * given time (`at`: an import's, a test's) is ordered by that time only and leaves the clock's alone.
 */
export function uuidv7(at?: number): string {
  let ms: number
  let seq: number
  if (at !== undefined) {
    ms = at
    seq = Math.floor(Math.random() * 0x800)
  } else {
    const now = Date.now()
    if (now > lastMs) {
      lastMs = now
      counter = Math.floor(Math.random() * 0x800)
    } else if (counter < 0xfff) counter += 1
    else {
      lastMs += 1
      counter = 0
    }
    ms = lastMs
    seq = counter
  }
  const bytes = sixteenBytes()
  bytes.writeUIntBE(ms, 0, 6)
  bytes[6] = 0x70 | (seq >> 8)
  bytes[7] = seq & 0xff
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
