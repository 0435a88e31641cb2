import type { RequestContext } from '../../lib/context'
import { currentReadableGrid, gridNotFound, readableGrid } from './grids.access'
import { normaliseLegacyCode } from './grids.code'
import { geometryTransaction } from './grids.geometry-limits'
import { householdWarnings } from './grids.placement'
import { mayReadGrid, pageAbilities, readableSubtrees, rootSubtrees } from './grids.policy'
import { toGridRoot, toGridSummary } from './grids.presenter'
import { gridsRepo } from './grids.repo'
import type { Boundary, GridView } from './grids.schema'
import type { GridsKit } from './grids.settings'
import { viewOf } from './grids.views'

/** Reading grids: one grid, the tree and its search, the levels, and how children cover a grid. */
export function createGridsCoreService(kit: GridsKit) {
  const { deps, settings } = kit
  const { db } = deps
  const { scheme, geometry } = settings

  return {
    /** A current grid's identity for another module (staff posts, later cases); checks read scope. */
    async current(ctx: RequestContext, code: string) {
      const grid = await currentReadableGrid(db, ctx.actor, code)
      return { id: grid.id, code: grid.code, name: grid.name, level: grid.level, path: grid.path }
    },

    /** A current grid by code for a public page (no actor: the notice board is public by design). */
    async publicGrid(code: string) {
      const grid = await gridsRepo.findByCode(db, normaliseLegacyCode(code))
      if (!grid || grid.valid_to) return null
      const ancestors = await gridsRepo.ancestors(db, grid.path)
      return { id: grid.id, code: grid.code, name: grid.name, level: grid.level, path: grid.path, ancestors }
    },

    /** The deployment's levels, root first (for forms and legends). */
    levels: () => scheme.levels.map((l) => ({ ...l, parents: [...l.parents] })),

    async view(ctx: RequestContext, code: string): Promise<GridView> {
      const normalised = normaliseLegacyCode(code)
      const row = await gridsRepo.findByCode(db, normalised)
      if (!row) throw gridNotFound(normalised)
      if (!mayReadGrid(ctx.actor, row.path)) throw gridNotFound(code)
      return viewOf(db, ctx.actor, row)
    },

    /** Where the reader's tree starts: the top of each subtree they may read, and what the page offers them. */
    async roots(ctx: RequestContext) {
      const rows = await gridsRepo.roots(db, rootSubtrees(ctx.actor))
      return { items: rows.map(toGridRoot), abilities: pageAbilities(ctx.actor) }
    },

    async list(
      ctx: RequestContext,
      q: { parent?: string; level?: string; q?: string; limit: number; cursor?: string },
    ) {
      const within = readableSubtrees(ctx.actor)
      const rows = await gridsRepo.list(db, {
        parentCode: q.parent,
        level: q.level,
        search: q.q,
        limit: q.limit,
        cursor: q.cursor,
        within,
      })
      const last = rows.at(-1)
      return {
        items: rows.map(toGridSummary),
        nextCursor: rows.length === q.limit && last ? last.code : null,
      }
    },

    /** What a grid's children leave uncovered, and which children are sized outside their level's range. */
    async coverage(ctx: RequestContext, code: string) {
      const grid = await readableGrid(db, ctx.actor, code)
      const [gap, children] = await Promise.all([
        // Any reader of the grid may ask: the union of its children runs under the geometry timeout.
        geometryTransaction(deps, geometry.timeoutMs, (tx) => gridsRepo.uncovered(tx, grid.id)),
        gridsRepo.children(db, grid.id),
      ])
      return {
        code: grid.code,
        uncoveredShare: gap.share,
        uncovered: gap.geometry ? (JSON.parse(gap.geometry) as Boundary) : null,
        childrenOutOfRange: children.flatMap((c) =>
          householdWarnings(scheme, c.level, c.households ?? undefined, c.code).map((w) => ({
            ...w,
            grid: c.code,
          })),
        ),
      }
    },
  }
}
