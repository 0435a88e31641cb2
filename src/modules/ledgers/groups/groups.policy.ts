import type { Actor } from '../../../lib/context'
import { holdsAnywhere } from '../../auth/auth.policy'
import { maySeeSpecialGroups, mayUnmaskPerson, mayWriteLedger } from '../ledgers.policy'

export type MembershipAbility = 'update' | 'end' | 'visit' | 'unmask'

/** Whether the actor sees a membership at all: ledger.special over its grid (otherwise it is a 404). */
export const maySeeMembership = (actor: Actor | null, m: { gridPath: string }) =>
  maySeeSpecialGroups(actor, m.gridPath)

/** Changing a membership or recording a visit: ledger.special and ledger.write over its grid. */
export const mayManageMembership = (actor: Actor | null, m: { gridPath: string }) =>
  maySeeSpecialGroups(actor, m.gridPath) && mayWriteLedger(actor, m.gridPath)

/**
 * Showing a membership's notes, guardian and the member's name in clear: break the glass, or be the
 * grid worker responsible for the membership (with ledger.unmask either way).
 */
export const mayUnmaskMembership = (
  actor: Actor | null,
  m: { gridPath: string; responsibleUserId: string | null },
) =>
  maySeeMembership(actor, m) &&
  mayUnmaskPerson(actor, {
    gridPath: m.gridPath,
    special: true,
    responsibleUserIds: m.responsibleUserId ? [m.responsibleUserId] : [],
  })

export function membershipAbilities(
  actor: Actor | null,
  m: { gridPath: string; responsibleUserId: string | null; ended: boolean },
): MembershipAbility[] {
  const abilities: MembershipAbility[] = []
  if (mayManageMembership(actor, m)) {
    abilities.push('update')
    if (!m.ended) abilities.push('end', 'visit')
  }
  if (mayUnmaskMembership(actor, m)) abilities.push('unmask')
  return abilities
}

/**
 * Whose due visits a reader's week shows: a chief (who may break the glass somewhere) sees the whole
 * of their subtrees; a grid worker, the memberships they are responsible for.
 */
export const dueReach = (actor: Actor | null): 'subtree' | 'mine' =>
  holdsAnywhere(actor, 'ledger.break_glass') ? 'subtree' : 'mine'
