import type { Actor } from '../../../lib/context'
import { maskName, maskPhone } from '../privacy/masks'
import type { TableSealer } from '../privacy/seal'
import { membershipAbilities } from './groups.policy'
import type { MembershipRow, VisitRow } from './groups.repo'
import { dueState } from './groups.schedule'
import type { MembershipView, VisitView } from './groups.schema'

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString())

/** The guardian's fields are sealed inside `details`; their place is `group_memberships.details.<field>.<id>`. */
export const GUARDIAN_FIELDS = ['guardianName', 'guardianPhone'] as const

/**
 * A membership row → its view, an allow-list. Masked: the member's name 张*, the guardian's name and
 * phone masked, no notes. `open` (an unmask) shows them in clear.
 */
export function toMembershipView(
  r: MembershipRow,
  o: { actor: Actor | null; today: string; sealer: TableSealer; open?: boolean },
): MembershipView {
  const d = r.details as Record<string, unknown>
  const details: MembershipView['details'] = {}
  if (typeof d.correctionClass === 'string') details.correctionClass = d.correctionClass
  if (typeof d.riskLevel === 'number') details.riskLevel = d.riskLevel
  if (typeof d.guardianRelation === 'string') details.guardianRelation = d.guardianRelation
  for (const field of GUARDIAN_FIELDS) {
    const sealed = d[field]
    if (typeof sealed !== 'string') continue
    const clear = o.sealer.open(`details.${field}`, r.id, sealed) ?? ''
    details[field] = o.open ? clear : field === 'guardianName' ? maskName(clear) : maskPhone(clear)
  }
  const ended = r.ends_on !== null && r.ends_on < o.today
  return {
    id: r.id,
    person: { id: r.person_id, name: o.open ? r.person_name : maskName(r.person_name) },
    grid: { code: r.grid_code, name: r.grid_name },
    groupCode: r.group_code,
    subKind: r.sub_kind,
    attention: r.attention,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    responsible: r.responsible_user_id ? { id: r.responsible_user_id, name: r.responsible_name ?? '' } : null,
    details,
    hasNotes: r.notes_sealed !== null,
    notes: o.open ? o.sealer.open('notes_sealed', r.id, r.notes_sealed) : null,
    masked: !o.open,
    nextVisitDue: r.next_visit_due,
    dueState: ended ? 'none' : dueState(r.next_visit_due, o.today),
    lastVisitAt: iso(r.last_visit_at),
    escalatedAt: iso(r.escalated_at),
    version: r.version,
    abilities: membershipAbilities(o.actor, {
      gridPath: r.grid_path,
      responsibleUserId: r.responsible_user_id,
      ended,
    }),
  }
}

export function toVisitView(r: VisitRow, o: { sealer: TableSealer; open?: boolean }): VisitView {
  return {
    id: r.id,
    membershipId: r.membership_id,
    visitor: { id: r.visitor_id, name: r.visitor_name },
    visitedAt: new Date(r.visited_at).toISOString(),
    place: r.lng === null || r.lat === null ? null : { lng: Number(r.lng), lat: Number(r.lat) },
    outcome: r.outcome as VisitView['outcome'],
    hasNotes: r.notes_sealed !== null,
    notes: o.open ? o.sealer.open('notes_sealed', r.id, r.notes_sealed) : null,
  }
}
