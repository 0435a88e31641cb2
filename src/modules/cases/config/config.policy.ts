import type { Actor } from '../../../lib/context'
import { holdsAnywhere, may, scopesFor } from '../../auth/auth.policy'

/**
 * Who configures what. Categories and the calendar are deployment-wide (one catalogue, one
 * calendar): `case.configure` over the whole deployment, i.e. administrators. A routing rule only
 * reaches into its grid's subtree, so it is decided where the grid is run: `case.configure` over
 * the grid (administrators: everywhere), or `grid.manage` over it — a street chief routes within
 * their street, a community chief within their community. A deeper rule wins, so such a rule never
 * changes what happens outside their subtree.
 */
export function mayConfigureCatalogue(actor: Actor | null): boolean {
  return may(actor, 'case.configure')
}

export const mayConfigureCalendar = mayConfigureCatalogue

/** Whoever may read deadlines may see the calendar they are counted on. */
export function mayReadCalendar(actor: Actor | null): boolean {
  return holdsAnywhere(actor, 'case.read') || holdsAnywhere(actor, 'case.configure')
}

export function mayRoute(actor: Actor | null, gridPath: string): boolean {
  return may(actor, 'case.configure', { gridPath }) || may(actor, 'grid.manage', { gridPath })
}

export function mayRouteAnywhere(actor: Actor | null): boolean {
  return holdsAnywhere(actor, 'case.configure') || holdsAnywhere(actor, 'grid.manage')
}

/** The subtrees whose rules the actor sees and changes; null for all of them. */
export function routingSubtrees(actor: Actor | null): string[] | null {
  if (may(actor, 'case.configure') || may(actor, 'grid.manage')) return null
  const scopes = [...scopesFor(actor, 'case.configure'), ...scopesFor(actor, 'grid.manage')]
  return [...new Set(scopes.flatMap((s) => (s.type === 'grid' ? [s.path] : [])))]
}
