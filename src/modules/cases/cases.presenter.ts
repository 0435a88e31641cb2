import { type Duration, type TrafficLight, trafficLight, type WorkCalendar } from './calendar/calendar'
import { unknownYears } from './calendar/calendar.years'
import { roundShare, runningRound } from './cases.clock'
import type { NearbyRow } from './cases.nearby.repo'
import type { CaseRow, TransitionRow } from './cases.repo'
import type { CaseSummary, CaseView } from './cases.schema'
import type { CaseAction, CaseState } from './cases.states'

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null)

/** The running stage's light, or null when none runs (ended, or suspended). */
function lightOf(row: CaseRow, calendar: WorkCalendar, now: Date): TrafficLight | null {
  const round = row.state === 'suspended' ? null : runningRound(row)
  return round ? trafficLight(roundShare(calendar, round, now)) : null
}

/** A nearby open case of the same category, as a duplicate candidate (public facts only). */
export const toNearby = (r: NearbyRow) => ({
  id: r.id,
  no: r.no,
  state: r.state as CaseState,
  distanceM: Number(r.distance_m),
  reportedAt: new Date(r.reported_at).toISOString(),
  followers: r.followers,
})

/** The years from the report to the last deadline set whose arrangement the calendar lacks. */
function unknownYearsOf(row: CaseRow, calendar: WorkCalendar): number[] {
  const reported = new Date(row.reported_at)
  const times = [row.accept_due, row.handle_due, row.verify_due].map((d) => (d ? new Date(d).getTime() : 0))
  return unknownYears(calendar, reported, new Date(Math.max(reported.getTime(), ...times)))
}

export function toCaseSummary(row: CaseRow, calendar: WorkCalendar, now: Date): CaseSummary {
  return {
    id: row.id,
    no: row.no,
    state: row.state as CaseState,
    version: row.version,
    category: { code: row.category_code, zh: row.category_zh, en: row.category_en },
    urgency: row.urgency,
    source: row.source,
    description: row.description,
    address: row.address,
    location: row.lng === null || row.lat === null ? null : { lng: Number(row.lng), lat: Number(row.lat) },
    level: row.level,
    department:
      row.department_code && row.department_name
        ? { code: row.department_code, name: row.department_name }
        : null,
    unownedReason: row.unowned_reason,
    supervision: row.supervision as CaseSummary['supervision'],
    deadlines: { accept: iso(row.accept_due), handle: iso(row.handle_due), verify: iso(row.verify_due) },
    light: lightOf(row, calendar, now),
    reportedAt: new Date(row.reported_at).toISOString(),
  }
}

export function toCaseView(
  row: CaseRow,
  extra: {
    calendar: WorkCalendar
    now: Date
    grids: { code: string; name: string; level: string }[]
    timeline: TransitionRow[]
    abilities: CaseAction[]
    participants: { code: string; name: string; role: string; report_due: Date; reported_at: Date | null }[]
    pendingExtension: { duration: Duration; reason: string } | null
    /** Already cut to what the reader may see (`nearbyFor`). */
    duplicates: ReturnType<typeof toNearby>[]
    followers: number
    /** Staff see private notes; a reporter sees the public text only. */
    staff: boolean
  },
): CaseView {
  return {
    ...toCaseSummary(row, extra.calendar, extra.now),
    grids: extra.grids,
    overdue: { accept: row.accept_overdue, handle: row.handle_overdue, verify: row.verify_overdue },
    rating: row.rating,
    participants: extra.participants.map((p) => ({
      code: p.code,
      name: p.name,
      role: p.role as 'lead' | 'assist',
      reportDue: new Date(p.report_due).toISOString(),
      reportedAt: iso(p.reported_at),
    })),
    pendingExtension: extra.pendingExtension
      ? { duration: extra.pendingExtension.duration, reason: extra.pendingExtension.reason }
      : null,
    duplicates: extra.duplicates,
    followers: extra.followers,
    unknownCalendarYears: unknownYearsOf(row, extra.calendar),
    abilities: extra.abilities,
    timeline: extra.timeline.map((t) => ({
      action: t.action,
      from: t.from_state,
      to: t.to_state,
      actor: extra.staff ? t.actor_name : null,
      role: t.actor_role,
      at: new Date(t.at).toISOString(),
      publicText: t.public_text,
      note: extra.staff ? t.private_note : null,
      data: extra.staff ? t.data : {},
    })),
  }
}
