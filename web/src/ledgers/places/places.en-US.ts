import type { placesZhCN } from './places.zh-CN'

/** English words of the ledgers' places pages: the same keys as places.zh-CN.ts. */
export const placesEnUS: typeof placesZhCN = {
  places: {},
}
