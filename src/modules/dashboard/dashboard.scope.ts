import type { Db } from '../../db/database'
import type { RequestContext } from '../../lib/context'
import { forbidden, notFound } from '../../lib/problem'
import { may, pathCovers, scopesFor } from '../auth/auth.policy'
import { dashboardRepo, type ScopeGridRow } from './dashboard.repo'

/** What the screen shows: one grid's subtree, or the reader's whole area (the root, or several subtrees). */
export interface ScreenScope {
  /** The grid, or null for the reader's whole area. */
  grid: ScopeGridRow | null
  /** The subtrees counted ('' is everything). */
  paths: string[]
  /** The grids whose boundaries and declared figures make the scope (the top grids for the root). */
  ids: string[]
  /** One level down, to drill into; for several subtrees, the subtrees themselves. */
  children: ScopeGridRow[]
  /** The grids above, within the reader's area, root first; `virtualRoot`: a first step for the whole area. */
  chain: ScopeGridRow[]
  virtualRoot: boolean
}

const depthOf = (path: string) => (path === '' ? 0 : path.split('.').length)

/** The tops of the reader's case.read subtrees (null: everything), a subtree inside another left out. */
function readerTops(ctx: RequestContext): string[] | null {
  if (may(ctx.actor, 'case.read')) return null
  const paths = scopesFor(ctx.actor, 'case.read').flatMap((s) => (s.type === 'grid' ? [s.path] : []))
  return [...new Set(paths)].filter((p) => !paths.some((o) => o !== p && pathCovers(o, p)))
}

/**
 * The scope a reader asked for (a grid code) or their own area. A grid outside their case.read
 * subtrees is refused: 403 when they may read the grid itself, else 404 (not told it exists), as the
 * statistics' scope rules go.
 */
export async function resolveScope(
  db: Db,
  ctx: RequestContext,
  code: string | undefined,
): Promise<ScreenScope> {
  const tops = readerTops(ctx)
  if (tops !== null && tops.length === 0) throw forbidden('auth.forbidden', 'You may not read events by grid')
  if (code === undefined) {
    if (tops === null) {
      const children = await dashboardRepo.children(db, null)
      return {
        grid: null,
        paths: [''],
        ids: children.map((c) => c.id),
        children,
        chain: [],
        virtualRoot: true,
      }
    }
    const grids = await dashboardRepo.atPaths(db, tops)
    if (grids.length === 1 && grids[0]) return gridScope(db, grids[0], tops)
    return {
      grid: null,
      paths: tops,
      ids: grids.map((g) => g.id),
      children: grids,
      chain: [],
      virtualRoot: true,
    }
  }
  const [grid] = await dashboardRepo.gridByCode(db, code)
  if (!grid || grid.valid_to !== null) throw notFound('grid.not_found', `No grid ${code}`)
  if (tops !== null && !tops.some((t) => pathCovers(t, grid.path))) {
    if (!may(ctx.actor, 'grid.read', { gridPath: grid.path }))
      throw notFound('grid.not_found', `No grid ${code}`)
    throw forbidden('dashboard.out_of_scope', `Grid ${code} is outside the events you may read`)
  }
  return gridScope(db, grid, tops)
}

async function gridScope(db: Db, grid: ScopeGridRow, tops: string[] | null): Promise<ScreenScope> {
  const [children, chain] = await Promise.all([
    dashboardRepo.children(db, grid.id),
    dashboardRepo.chain(db, grid.path),
  ])
  const seen = chain.filter((g) => tops === null || tops.some((t) => pathCovers(t, g.path)))
  return {
    grid,
    paths: [grid.path],
    ids: [grid.id],
    children,
    chain: seen,
    // The whole area is a step above only for a reader of everything or of several subtrees.
    virtualRoot: tops === null || tops.length > 1,
  }
}

/** The deepest subtree of the scope, for choosing between the rollup and the cases. */
export const scopeDepth = (s: ScreenScope) => Math.max(...s.paths.map(depthOf))
export { depthOf }
