import type { Actor } from '../../lib/context'
import { holdsAnywhere, may, scopesFor } from '../auth/auth.policy'
import type { Permission } from '../auth/permissions'

/**
 * Who may do what with the ledgers. Every record sits in a leaf grid; a grant scoped to a grid covers
 * its subtree. Lists filter in SQL by `ledgerSubtrees`; one record outside them answers 404 (never
 * 403: whether it exists is not said).
 */
type LedgerPermission = Extract<Permission, `ledger.${string}`>

/** The subtrees where the actor holds `permission` (null: everywhere; [] nowhere). */
export function ledgerSubtrees(
  actor: Actor | null,
  permission: LedgerPermission = 'ledger.read',
): string[] | null {
  if (!holdsAnywhere(actor, permission)) return []
  if (may(actor, permission)) return null
  return scopesFor(actor, permission).flatMap((s) => (s.type === 'grid' ? [s.path] : []))
}

export const mayReadLedger = (actor: Actor | null, gridPath: string) =>
  may(actor, 'ledger.read', { gridPath })
export const mayWriteLedger = (actor: Actor | null, gridPath: string) =>
  may(actor, 'ledger.write', { gridPath })
export const mayUnmask = (actor: Actor | null, gridPath: string) => may(actor, 'ledger.unmask', { gridPath })
export const maySeeSpecialGroups = (actor: Actor | null, gridPath: string) =>
  may(actor, 'ledger.special', { gridPath })
export const mayBreakGlass = (actor: Actor | null, gridPath: string) =>
  may(actor, 'ledger.break_glass', { gridPath })
export const mayExportLedger = (actor: Actor | null, gridPath: string) =>
  may(actor, 'ledger.export', { gridPath })
/** Field corrections 采集 → 审核 of the grid's records are approved or rejected by their reviewers. */
export const mayReviewLedger = (actor: Actor | null, gridPath: string) =>
  may(actor, 'ledger.review', { gridPath })
/** Code tables and visit policies are deployment-wide. */
export const mayConfigureLedgers = (actor: Actor | null) => may(actor, 'ledger.configure')

/**
 * Whether the actor may show this person's personal fields in clear. A member of a special group is
 * shown in clear only with break-glass, or to the grid worker responsible for their membership.
 */
export function mayUnmaskPerson(
  actor: Actor | null,
  person: { gridPath: string; special: boolean; responsibleUserIds: readonly string[] },
): boolean {
  if (!mayUnmask(actor, person.gridPath)) return false
  if (!person.special) return true
  return (
    mayBreakGlass(actor, person.gridPath) ||
    (actor?.type === 'user' && person.responsibleUserIds.includes(actor.id))
  )
}

export type RecordAbility = 'update' | 'delete' | 'unmask'

/** What the reader may do with one record of a grid: the screens show these buttons and no others. */
export function recordAbilities(actor: Actor | null, gridPath: string, unmask = mayUnmask(actor, gridPath)) {
  const abilities: RecordAbility[] = []
  if (mayWriteLedger(actor, gridPath)) abilities.push('update', 'delete')
  if (unmask) abilities.push('unmask')
  return abilities
}
