import { describe, expect, it } from 'vitest'
import { createVersionedCache } from './versioned-cache'

/** A database stand-in whose version reads wait until the test lets them answer. */
function source() {
  let version = 1
  let built = 0
  const waiting: (() => void)[] = []
  return {
    bump: () => {
      version += 1
    },
    release: () => {
      for (const go of waiting.splice(0)) go()
    },
    get builds() {
      return built
    },
    readVersion: () => {
      const v = version
      return new Promise<number>((resolve) => waiting.push(() => resolve(v)))
    },
    load: async () => {
      built += 1
      return `built at ${version}`
    },
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0))

describe('versioned cache', () => {
  it('builds once for callers arriving together, then serves from memory within the check period', async () => {
    const s = source()
    const cache = createVersionedCache({ ...s, checkEveryMs: 60_000 })
    const both = Promise.all([cache.current(), cache.current()])
    await settle()
    s.release()
    expect((await both).map((r) => r.version)).toEqual([1, 1])
    expect(s.builds).toBe(1)
    s.bump()
    expect((await cache.current()).value).toBe('built at 1')
  })

  it('never answers a caller after a change on this node with a reload begun before it', async () => {
    const s = source()
    const cache = createVersionedCache({ ...s, checkEveryMs: 60_000 })
    const first = cache.current()
    await settle()
    s.release()
    await first
    // A reload starts and reads the old version; meanwhile this node changes the data.
    cache.invalidate()
    const early = cache.current()
    await settle()
    s.release()
    s.bump()
    cache.invalidate()
    const late = cache.current()
    await settle()
    s.release()
    await settle()
    s.release()
    expect((await early).version).toBe(1)
    expect((await late).version).toBe(2)
    expect((await late).value).toBe('built at 2')
  })

  it('marks a reload that read a version before a change as not vouching for it', async () => {
    const s = source()
    const cache = createVersionedCache({ ...s, checkEveryMs: 60_000 })
    cache.invalidate()
    const early = cache.current()
    await settle()
    s.bump()
    cache.invalidate()
    s.release()
    expect((await early).version).toBe(1)
    // The next caller does not take the early answer as fresh: it reads the version again.
    const next = cache.current()
    await settle()
    s.release()
    expect((await next).version).toBe(2)
  })

  it('answers many changes arriving during one reload with one more reload, not one each', async () => {
    const s = source()
    let reads = 0
    const cache = createVersionedCache({
      load: s.load,
      readVersion: () => {
        reads += 1
        return s.readVersion()
      },
      checkEveryMs: 60_000,
    })
    const first = cache.current()
    await settle()
    const callers = Array.from({ length: 50 }, () => {
      s.bump()
      cache.invalidate()
      return cache.current()
    })
    s.release()
    await first
    await settle()
    s.release()
    const answers = await Promise.all(callers)
    expect(reads).toBe(2)
    expect(new Set(answers.map((a) => a.version))).toEqual(new Set([51]))
  })
})
