import type { Actor } from '../../lib/context'
import { may, scopesFor } from '../auth/auth.policy'

/** Pure rules for patrols: a worker's own, and readers with patrol.read over the patrol's grid. */

export const isOwner = (actor: Actor | null, userId: string) => actor?.type === 'user' && actor.id === userId

/** May the actor see this patrol (its track, figures and cases)? Its worker, or patrol.read over its grid. */
export function mayReadPatrol(actor: Actor | null, p: { userId: string; gridPath: string | null }): boolean {
  return (
    isOwner(actor, p.userId) ||
    may(actor, 'patrol.read', p.gridPath === null ? undefined : { gridPath: p.gridPath })
  )
}

/** The subtrees whose patrols, positions and compliance the actor may read: null for everything. */
export function patrolReadSubtrees(actor: Actor | null): string[] | null {
  if (may(actor, 'patrol.read')) return null
  return scopesFor(actor, 'patrol.read').flatMap((s) => (s.type === 'grid' ? [s.path] : []))
}

/** May the actor read another worker's compliance, whose grid is `gridPath`? */
export function mayReadWorker(actor: Actor | null, gridPath: string | null): boolean {
  return may(actor, 'patrol.read', gridPath === null ? undefined : { gridPath })
}

/** Rules per level apply to the whole deployment: only a whole-deployment patrol.configure changes them. */
export const mayConfigureRules = (actor: Actor | null) => may(actor, 'patrol.configure')

/** Check-in points of a grid: patrol.configure over the grid. */
export const mayConfigureGrid = (actor: Actor | null, gridPath: string) =>
  may(actor, 'patrol.configure', { gridPath })

/** Reading a grid's check-in points: its workers (patrol.record there) and readers of its patrols. */
export const mayReadCheckpoints = (actor: Actor | null, gridPath: string) =>
  may(actor, 'patrol.record', { gridPath }) ||
  may(actor, 'patrol.read', { gridPath }) ||
  mayConfigureGrid(actor, gridPath)

/**
 * The grid a worker without a post patrols: the deepest grid scope of their patrol.record grants
 * (a post carries such a grant; a grant without a post still says where they work).
 */
export function grantGridPath(actor: Actor | null): string | null {
  const paths = scopesFor(actor, 'patrol.record')
    .flatMap((s) => (s.type === 'grid' && s.path !== '' ? [s.path] : []))
    .sort((a, b) => b.split('.').length - a.split('.').length)
  return paths[0] ?? null
}
