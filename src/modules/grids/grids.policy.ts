import type { Actor } from '../../lib/context'
import { holdsAnywhere, may, scopesFor } from '../auth/auth.policy'

/** Creating or changing a grid needs grid.manage over its parent (a root grid: the whole deployment). */
export function mayWriteUnder(actor: Actor | null, parentPath: string | null): boolean {
  return parentPath === null ? may(actor, 'grid.manage') : may(actor, 'grid.manage', { gridPath: parentPath })
}

export function mayReadGrid(actor: Actor | null, path: string): boolean {
  return may(actor, 'grid.read', { gridPath: path })
}

/**
 * The subtrees a reader may list: null for everything. Department-scoped readers see no grid by
 * scope (the grids a department serves come with departments).
 */
export function readableSubtrees(actor: Actor | null): string[] | null {
  if (!holdsAnywhere(actor, 'grid.read')) return []
  if (may(actor, 'grid.read')) return null
  return scopesFor(actor, 'grid.read').flatMap((s) => (s.type === 'grid' ? [s.path] : []))
}
