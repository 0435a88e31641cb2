import { describe, expect, it } from 'vitest'
import { createTileCache } from './tile-cache'

const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill)

/** A cache over a version the test moves, counting the tiles built. */
function setUp(opts: { bytes?: number; checkEveryMs?: number } = {}) {
  let version = 1
  let built = 0
  const cache = createTileCache({ readVersion: async () => version, checkEveryMs: 60_000, ...opts })
  const tile = (key: string, size = 10) =>
    cache.tile(key, async () => {
      built += 1
      return bytes(size, version)
    })
  return {
    cache,
    tile,
    built: () => built,
    move: () => {
      version += 1
    },
  }
}

describe('the grid tile cache', () => {
  it('builds a tile once while the grids stay put', async () => {
    const c = setUp()
    const first = await c.tile('9/403/210')
    const again = await c.tile('9/403/210')
    expect(again).toBe(first)
    expect(c.built()).toBe(1)
    await c.tile('9/404/210')
    expect(c.built()).toBe(2)
  })

  it('builds it again once a write on this node moved the version', async () => {
    const c = setUp()
    await c.tile('9/403/210')
    c.move()
    // Not yet checked: another node's change shows within checkEveryMs, this node's at once.
    expect((await c.tile('9/403/210'))[0]).toBe(1)
    c.cache.invalidate()
    expect((await c.tile('9/403/210'))[0]).toBe(2)
    expect(c.built()).toBe(2)
  })

  it('sees another node’s change once the version is checked again', async () => {
    const c = setUp({ checkEveryMs: 0 })
    await c.tile('9/403/210')
    c.move()
    expect((await c.tile('9/403/210'))[0]).toBe(2)
  })

  it('drops the tiles read longest ago when they weigh more than allowed', async () => {
    const c = setUp({ bytes: 25 })
    await c.tile('a')
    await c.tile('b')
    await c.tile('a') // read again: b is now the oldest
    await c.tile('c') // 30 bytes: b goes
    expect(c.built()).toBe(3)
    await c.tile('a')
    await c.tile('c')
    expect(c.built()).toBe(3)
    await c.tile('b')
    expect(c.built()).toBe(4)
  })

  it('keeps no tile built while the version moved', async () => {
    let version = 1
    const cache = createTileCache({ readVersion: async () => version, checkEveryMs: 0 })
    let built = 0
    const build = async () => {
      built += 1
      version += 1 // a change lands while the tile is built
      return bytes(4)
    }
    await cache.tile('k', build)
    await cache.tile('k', build)
    expect(built).toBe(2)
  })
})
