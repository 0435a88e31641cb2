import type { Actor, Grant } from '../../lib/context'
import { may } from '../auth/auth.policy'
import type { Permission } from '../auth/permissions'

/**
 * Who may do what with trackers 定位终端. A bound tracker belongs where its worker records patrols
 * (the grid scopes of their `patrol.record` grants); an unbound one sits in the deployment's pool.
 */

/** The grid paths where a worker records patrols: the scopes of their grants holding patrol.record. */
export function recordingPaths(grants: readonly Grant[]): string[] {
  return grants.flatMap((g) =>
    g.scope.type === 'grid' && (g.permissions.includes('patrol.record') || g.permissions.includes('*'))
      ? [g.scope.path]
      : [],
  )
}

/**
 * The actor holds `permission` over one of the grids where the worker records; over a worker who
 * records nowhere (a grant taken back), only over the whole deployment.
 */
export function coversWorker(actor: Actor | null, permission: Permission, worker: readonly Grant[]): boolean {
  const paths = recordingPaths(worker)
  if (paths.length === 0) return may(actor, permission)
  return paths.some((gridPath) => may(actor, permission, { gridPath }))
}

/** A worker may get a tracker when they record patrols in a grid the actor configures. */
export function mayBindTo(actor: Actor | null, worker: readonly Grant[]): boolean {
  return recordingPaths(worker).some((gridPath) => may(actor, 'patrol.configure', { gridPath }))
}

/**
 * Moving a tracker away from its worker (to another, to nobody, into retirement) takes
 * `patrol.configure` over that worker; a tracker in the pool is taken by anyone who configures
 * patrols somewhere (for a worker of theirs, `mayBindTo`).
 */
export function mayRelease(actor: Actor | null, current: readonly Grant[] | null): boolean {
  if (current === null) return actor?.grants.some((g) => grantHolds(g, 'patrol.configure')) ?? false
  return coversWorker(actor, 'patrol.configure', current)
}

/**
 * Retiring takes `patrol.configure` over the bound worker, or over the whole deployment for a tracker
 * in the pool: a retired code is never registered again, so the pool is not one chief's to empty.
 */
export function mayRetire(actor: Actor | null, current: readonly Grant[] | null): boolean {
  return current === null ? may(actor, 'patrol.configure') : coversWorker(actor, 'patrol.configure', current)
}

/** Devices post points with an integration's API key; a person's session never speaks for a device. */
export function isDeviceCaller(actor: Actor | null): boolean {
  return actor?.type === 'api_key'
}

function grantHolds(grant: Grant, permission: Permission): boolean {
  return grant.permissions.includes(permission) || grant.permissions.includes('*')
}
