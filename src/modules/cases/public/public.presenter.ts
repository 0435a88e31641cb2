import type { ReporterPhoto } from '../attachments/attachments.schema'
import type { TransitionRow } from '../cases.repo'
import { ACTIONS, CASE_STATES, type CaseState } from '../cases.states'
import { publicText } from './public.publish'
import type { TrackedRow } from './public.repo'
import type { PublicCase } from './public.schema'

/** The first timeline row is the report itself, which is not an action of the loop's table. */
const REPORT = { zh: '上报', en: 'Reported' }

const nameOfAction = (action: string) => {
  const def = (ACTIONS as Record<string, { zh: string; en: string }>)[action]
  return def ? { zh: def.zh, en: def.en } : REPORT
}

const nameOfState = (state: CaseState) => ({ zh: CASE_STATES[state].zh, en: CASE_STATES[state].en })

/** Closed and not rated since it was last closed (a bad rating reopens it; the next closing may be rated again). */
export function canRate(
  state: string,
  timeline: Pick<TransitionRow, 'action' | 'from_state' | 'to_state'>[],
) {
  if (state !== 'closed') return false
  let rated = false
  for (const t of timeline) {
    if (t.to_state === 'closed' && t.from_state !== 'closed') rated = false
    if (t.action === 'rate') rated = true
  }
  return !rated
}

/**
 * The reporter's view of a case, an allow-list: the state, the category, the public texts of the
 * timeline, the photos shown to them. Never private notes, actor names, departments, grids, staff
 * roles or staff-only photos.
 */
export function toPublicCase(
  row: TrackedRow,
  timeline: TransitionRow[],
  photos: ReporterPhoto[],
): PublicCase {
  const state = row.state as CaseState
  return {
    no: row.no,
    version: row.version,
    state,
    stateName: nameOfState(state),
    category: { code: row.category_code, zh: row.category_zh, en: row.category_en },
    reportedAt: new Date(row.reported_at).toISOString(),
    address: row.address,
    timeline: timeline.map((t) => ({
      action: t.action,
      actionName: nameOfAction(t.action),
      to: t.to_state as CaseState,
      toName: nameOfState(t.to_state as CaseState),
      at: new Date(t.at).toISOString(),
      publicText: publicText(t.public_text),
      by: t.actor_role === 'resident' ? 'resident' : 'staff',
    })),
    rating: row.rating,
    ratingText: publicText(row.rating_text),
    canRate: canRate(row.state, timeline),
    photos,
  }
}
