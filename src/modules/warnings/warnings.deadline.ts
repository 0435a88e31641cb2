import type { TrafficLight, WorkCalendar } from '../cases/calendar/calendar'
import { trafficLight } from '../cases/calendar/calendar'
import { roundShare, runningRound, type Stage } from '../cases/cases.clock'
import { gradeOf } from '../cases/cases.sweep'
import type { RaisedWarning } from './warnings.repo'
import type { ClockedCase, OpenWarning } from './warnings.rules.repo'

const STAGE = {
  accept: { zh: '受理', en: 'acceptance' },
  handle: { zh: '办理', en: 'handling' },
  verify: { zh: '核查', en: 'verification' },
} as const satisfies Record<Stage, { zh: string; en: string }>

/** `MM-DD HH:mm` in China time. */
const chinaMinute = (at: Date) =>
  new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(5, 16).replace('T', ' ')

/** One warning per case, stage, round and deadline: an extension or a new round is a new deadline. */
const keyOf = (caseId: string, stage: Stage, start: Date, due: Date) =>
  `deadline|${caseId}|${stage}|${start.toISOString()}|${due.toISOString()}`

/** Raised again, red, when the same deadline was settled while it was only near (see `deadlineWarnings`). */
export const PAST_SUFFIX = '|past'

/** The light of a case's running stage now, the cases' own 红黄绿灯 (null: no clock runs, or suspended). */
export function lightNow(c: ClockedCase, calendar: WorkCalendar, now: Date) {
  const round = c.state === 'suspended' ? null : runningRound(c)
  if (!round) return null
  const share = roundShare(calendar, round, now)
  return { round, share, light: trafficLight(share) as TrafficLight }
}

/** The supervision grade a deadline warning's one action issues by default: the sweep's grade for its share. */
export const supervisionGradeFor = (share: number) => gradeOf(share) ?? 'normal'

/**
 * Deadlines 时限预警: each open case whose running stage is yellow (80 % of its working-time limit
 * used, the cases' traffic light) is warned of in yellow; past its deadline (red) the same warning
 * turns red. A near warning someone already settled (acknowledged, dismissed, supervised) is not
 * reopened: being overdue is then raised as a second warning of its own, red, once.
 */
export function deadlineWarnings(
  cases: ClockedCase[],
  settled: ReadonlyMap<string, { level: string }>,
  calendar: WorkCalendar,
  now: Date,
): RaisedWarning[] {
  return cases.flatMap((c) => {
    const seen = lightNow(c, calendar, now)
    if (!seen || seen.light === 'green') return []
    const { round, share, light } = seen
    const key = keyOf(c.id, round.stage, round.start, round.due)
    const stage = STAGE[round.stage]
    const pct = Number.isFinite(share) ? Math.round(share * 100) : null
    const due = chinaMinute(round.due)
    const past = light === 'red'
    const warning: RaisedWarning = {
      rule: 'deadline',
      scopePath: c.grid_path,
      dedupKey: key,
      level: past ? 'red' : 'yellow',
      titleZh: past
        ? `事件 ${c.no}（${c.category_zh}）${stage.zh}已超期：应于 ${due} 前完成`
        : `事件 ${c.no}（${c.category_zh}）${stage.zh}临近时限：已用 ${pct}% 时限，${due} 到期`,
      titleEn: past
        ? `Case ${c.no} (${c.category_en}) is past its ${stage.en} deadline of ${due}`
        : `Case ${c.no} (${c.category_en}) is near its ${stage.en} deadline: ${pct}% of the time used, due ${due}`,
      categoryCode: c.category_code,
      location: c.lng !== null && c.lat !== null ? { lng: c.lng, lat: c.lat } : null,
      inputs: {
        cases: [c.id],
        caseNo: c.no,
        ownerPath: c.owner_path ?? '',
        stage: round.stage,
        roundStartedAt: round.start.toISOString(),
        due: round.due.toISOString(),
        share: pct === null ? null : pct / 100,
        light,
      },
    }
    const before = settled.get(key)
    if (!past || before?.level !== 'yellow') return [warning]
    return [warning, { ...warning, dedupKey: key + PAST_SUFFIX }]
  })
}

/** Why the system settled a deadline warning 系统解除: the case's clock no longer says what it said. */
export type DeadlineResolution = 'case_closed' | 'clock_stopped' | 'deadline_moved' | 'within_limit'

/**
 * The open deadline warnings that no longer hold, each with why: the case left the loop, its clock
 * stopped (suspended 挂账, or verified and awaiting closure), its stage or deadline moved on (a new
 * warning speaks for the new one), or it is back within its limit (a calendar change).
 */
export function staleDeadlines(
  open: OpenWarning[],
  raised: ReadonlySet<string>,
  calendar: WorkCalendar,
  now: Date,
): { id: string; reason: DeadlineResolution }[] {
  return open.flatMap((w): { id: string; reason: DeadlineResolution }[] => {
    if (raised.has(w.dedup_key)) return []
    const c = w.case
    if (!c?.open) return [{ id: w.id, reason: 'case_closed' }]
    const seen = lightNow(c, calendar, now)
    if (!seen) return [{ id: w.id, reason: 'clock_stopped' }]
    const base = w.dedup_key.endsWith(PAST_SUFFIX) ? w.dedup_key.slice(0, -PAST_SUFFIX.length) : w.dedup_key
    const current = keyOf(c.id, seen.round.stage, seen.round.start, seen.round.due)
    return [{ id: w.id, reason: base === current ? 'within_limit' : 'deadline_moved' }]
  })
}
