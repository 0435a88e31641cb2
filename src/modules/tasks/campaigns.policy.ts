import type { Actor } from '../../lib/context'
import { holdsAnywhere, may, pathCovers, scopesFor } from '../auth/auth.policy'

/**
 * Who may do what with campaigns. Those who hold `campaign.manage` over a grid run the campaigns
 * there (start, follow, move doors between workers, close, export); a worker works the doors
 * assigned to them, and sees the campaigns that gave them doors.
 */

/** The subtrees where the actor manages campaigns (null: everywhere; [] nowhere). */
export function campaignSubtrees(actor: Actor | null): string[] | null {
  if (!holdsAnywhere(actor, 'campaign.manage')) return []
  if (may(actor, 'campaign.manage')) return null
  return scopesFor(actor, 'campaign.manage').flatMap((s) => (s.type === 'grid' ? [s.path] : []))
}

export const mayManageCampaignIn = (actor: Actor | null, gridPath: string) =>
  may(actor, 'campaign.manage', { gridPath })

/** A door's outcome is recorded by the worker it is assigned to, or by someone managing campaigns over its grid. */
export const mayWorkTask = (actor: Actor | null, task: { assignee_id: string | null; grid_path: string }) =>
  (actor?.type === 'user' && task.assignee_id === actor.id) || mayManageCampaignIn(actor, task.grid_path)

/** The part of a campaign the actor sees: all of it when they manage its whole subtree, else theirs. */
export function visiblePart(actor: Actor | null, scopePath: string): string[] | null {
  if (mayManageCampaignIn(actor, scopePath)) return null
  return (campaignSubtrees(actor) ?? []).filter((p) => pathCovers(scopePath, p))
}
