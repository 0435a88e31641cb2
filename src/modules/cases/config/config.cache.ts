import type { SQL } from 'drizzle-orm'
import type { Db } from '../../../db/database'
import { createVersionedCache } from '../../../lib/versioned-cache'
import type { CategoryRow } from '../categories/categories.types'
import { configRepo, type RouteRule } from './config.repo'

interface Snapshot {
  categories: Map<string, CategoryRow>
  /** Rules by the grid path they hold in. */
  routes: Map<string, RouteRule[]>
}

const depth = (path: string) => path.split('.').length

/**
 * Categories and routing rules in memory, for the intake's hot path (see lib/versioned-cache.ts).
 * A writer that must not act on a stale copy guards its statement with `unchangedSince(version)`
 * and, when the guard fails, invalidates and decides again.
 */
export function createCaseConfigCache(db: Db, checkEveryMs = 1000) {
  const cache = createVersionedCache({
    checkEveryMs,
    readVersion: () => configRepo.version(db),
    load: async (): Promise<Snapshot> => {
      const [categories, rules] = await Promise.all([
        configRepo.cachedCategories(db),
        configRepo.cachedRoutes(db),
      ])
      const routes = new Map<string, RouteRule[]>()
      for (const r of rules) routes.set(r.grid_path, [...(routes.get(r.grid_path) ?? []), r])
      return { categories: new Map(categories.map((c) => [c.code, c])), routes }
    },
  })

  return {
    /** The copy in force: its version, a category by code, and the routing rule for a chain. */
    async current() {
      const { value: s, version } = await cache.current()
      return {
        version,
        category: (code: string) => s.categories.get(code),
        /** Among the grids of a chain, the deepest subtree first, then the longest category code. */
        route(paths: string[], categoryCode: string): RouteRule | undefined {
          const matching = paths
            .flatMap((p) => s.routes.get(p) ?? [])
            .filter((r) => categoryCode.startsWith(r.category_prefix))
          return matching.sort(
            (a, b) =>
              depth(b.grid_path) - depth(a.grid_path) || b.category_prefix.length - a.category_prefix.length,
          )[0]
        },
      }
    },
    /** Read the version again before the next use. */
    invalidate: cache.invalidate,
    /** A condition for a statement: the configuration is still at this version. */
    unchangedSince: (version: number): SQL => configRepo.unchangedSince(version),
  }
}

export type CaseConfigCache = ReturnType<typeof createCaseConfigCache>
