import type { Actor } from '../../lib/context'
import { holdsAnywhere, may, pathCovers, scopesFor } from '../auth/auth.policy'
import { parentPathOf } from './grids.code'

/** Creating or changing a grid needs grid.manage over its parent (a root grid: the whole deployment). */
export function mayWriteUnder(actor: Actor | null, parentPath: string | null): boolean {
  return parentPath === null ? may(actor, 'grid.manage') : may(actor, 'grid.manage', { gridPath: parentPath })
}

/** Whether the actor may read grids anywhere (the gate of the map's look-ups and tiles). */
export function mayViewGrids(actor: Actor | null): boolean {
  return holdsAnywhere(actor, 'grid.read')
}

export function mayReadGrid(actor: Actor | null, path: string): boolean {
  return may(actor, 'grid.read', { gridPath: path })
}

/**
 * The subtrees a reader may list: null for everything. Department-scoped readers see no grid by
 * scope (the grids a department serves come with departments).
 */
export function readableSubtrees(actor: Actor | null): string[] | null {
  if (!mayViewGrids(actor)) return []
  if (may(actor, 'grid.read')) return null
  return scopesFor(actor, 'grid.read').flatMap((s) => (s.type === 'grid' ? [s.path] : []))
}

/**
 * Where a reader's grid tree starts: null for the deployment's roots, else the top of each subtree
 * they may read (a subtree inside another is not a root of its own).
 */
export function rootSubtrees(actor: Actor | null): string[] | null {
  const subtrees = readableSubtrees(actor)
  if (subtrees === null) return null
  const unique = [...new Set(subtrees)]
  return unique.filter((p) => !unique.some((q) => q !== p && pathCovers(q, p))).sort()
}

/** What a reader may do to one grid; the page shows a button for each and nothing else. */
export const GRID_ACTIONS = ['edit', 'split', 'merge'] as const
export type GridAction = (typeof GRID_ACTIONS)[number]

/** Every change to a current grid needs grid.manage over its parent; a retired grid takes none. */
export function gridAbilities(
  actor: Actor | null,
  grid: { path: string; validTo: string | null },
): GridAction[] {
  if (grid.validTo !== null || !mayWriteUnder(actor, parentPathOf(grid.path))) return []
  return [...GRID_ACTIONS]
}

/** What a reader may do on the grid page itself, beyond any one grid. */
export const PAGE_ACTIONS = ['import'] as const
export type GridPageAction = (typeof PAGE_ACTIONS)[number]

/** An import creates grids under parents the file names: a maintainer of some subtree may try it. */
export function pageAbilities(actor: Actor | null): GridPageAction[] {
  return holdsAnywhere(actor, 'grid.manage') ? ['import'] : []
}

/** A grid above the reader's scope shows only what names it, never its counts. */
export interface GridOutline {
  code: string
  name: string
  level: string
}

/**
 * What a reader sees of the chain of grids covering a point: the grids they may read in full, the
 * grids above their scope as outlines, and nothing at all when no grid of the chain is theirs.
 */
export function visibleChain<G extends GridOutline & { path: string }>(
  actor: Actor | null,
  chain: readonly G[],
): (G | GridOutline)[] {
  if (!chain.some((g) => mayReadGrid(actor, g.path))) return []
  const subtrees = readableSubtrees(actor) ?? []
  return chain.flatMap((g): (G | GridOutline)[] => {
    if (mayReadGrid(actor, g.path)) return [g]
    const above = subtrees.some((s) => s.startsWith(`${g.path}.`))
    return above ? [{ code: g.code, name: g.name, level: g.level }] : []
  })
}

/**
 * Who sees the tree's outline (codes, names, levels; no counts, no boundary): readers of grids, and
 * those who grant roles or issue keys, who pick the grids their grants are scoped to (the security
 * administrator reads no grid, yet scopes the roles it hands out).
 */
const OUTLINE_READERS = ['grid.read', 'user.manage', 'grant.manage', 'apikey.manage'] as const

export function mayViewOutline(actor: Actor | null): boolean {
  return OUTLINE_READERS.some((p) => holdsAnywhere(actor, p))
}

/** The subtrees of the outline an actor sees, outermost only: null for everything. */
export function outlineSubtrees(actor: Actor | null): string[] | null {
  const paths = OUTLINE_READERS.flatMap((p) => scopesFor(actor, p)).flatMap((s) =>
    s.type === 'grid' ? [s.path] : [],
  )
  if (paths.includes('')) return null
  return [...new Set(paths)].filter((p) => !paths.some((q) => q !== p && pathCovers(q, p)))
}
