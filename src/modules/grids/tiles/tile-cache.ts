import { createVersionedCache } from '../../../lib/versioned-cache'

/** What the tiles held in memory may weigh together. */
const DEFAULT_BYTES = 32 * 1024 * 1024

/** Tiles by key, the least recently read dropped first once they weigh more than `bytes`. */
class TileLru {
  private readonly tiles = new Map<string, Uint8Array>()
  private held = 0

  constructor(private readonly bytes: number) {}

  get(key: string): Uint8Array | undefined {
    const tile = this.tiles.get(key)
    if (!tile) return undefined
    // Read again: to the back of the queue.
    this.tiles.delete(key)
    this.tiles.set(key, tile)
    return tile
  }

  set(key: string, tile: Uint8Array) {
    if (tile.byteLength > this.bytes) return
    const old = this.tiles.get(key)
    if (old) this.held -= old.byteLength
    this.tiles.delete(key)
    this.tiles.set(key, tile)
    this.held += tile.byteLength
    for (const [oldest, dropped] of this.tiles) {
      if (this.held <= this.bytes) break
      this.tiles.delete(oldest)
      this.held -= dropped.byteLength
    }
  }
}

/**
 * Grid tiles as last built, kept while the grids' change version stays put (one tiny row, bumped by
 * trigger on any node; checked at most once a second, and at once after a write on this node). The
 * low-zoom tiles every map opens on (a city's districts and streets, the big screen's) are the same
 * few for every reader of a scope, and each costs the database a scan of every current grid.
 */
export function createTileCache(opts: {
  readVersion: () => Promise<number>
  checkEveryMs?: number
  bytes?: number
}) {
  const bytes = opts.bytes ?? DEFAULT_BYTES
  const cache = createVersionedCache({
    checkEveryMs: opts.checkEveryMs ?? 1000,
    readVersion: opts.readVersion,
    load: async () => new TileLru(bytes),
  })
  return {
    /** The tile under this key, built by `build` when the grids changed since it was last kept. */
    async tile(key: string, build: () => Promise<Uint8Array>): Promise<Uint8Array> {
      const { value: tiles, version } = await cache.current()
      const held = tiles.get(key)
      if (held) return held
      const built = await build()
      // Kept only if the grids did not move while it was built (a newer set of tiles replaced these).
      if ((await cache.current()).version === version) tiles.set(key, built)
      return built
    },
    invalidate: cache.invalidate,
  }
}

export type TileCache = ReturnType<typeof createTileCache>
