import { randomFillSync } from 'node:crypto'

/**
 * Random bytes drawn in blocks: one call to the system's generator per `count` draws of `size` bytes
 * instead of one per draw (a call costs microseconds; an import seals four values a row). Each draw
 * answers a fresh copy, never a view of the pool.
 */
export function randomPool(size: number, count = 256): () => Buffer {
  const pool = Buffer.alloc(size * count)
  let offset = pool.length
  return () => {
    if (offset === pool.length) {
      randomFillSync(pool)
      offset = 0
    }
    const bytes = Buffer.from(pool.subarray(offset, offset + size))
    offset += size
    return bytes
  }
}
