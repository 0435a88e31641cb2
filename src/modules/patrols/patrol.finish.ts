import type { Executor } from '../../db/database'
import { addDays, chinaDay } from '../../lib/dates'
import { figuresRepo } from './patrol.figures.repo'
import { type ComplianceDayInput, complianceRepo, patrolsRepo } from './patrols.repo'
import { DEFAULT_RULES } from './patrols.rules'

/** Working seconds of a China calendar day (the working calendar's shifts; 0 on a holiday). */
export type WorkSeconds = (day: string) => number

/** Monday to Friday, 7 hours (the default shifts): only until the app hands over its working calendar. */
const weekdaysOnly: WorkSeconds = (day) => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  return weekday === 0 || weekday === 6 ? 0 : 7 * 3600
}

let workSecondsOf: WorkSeconds = weekdaysOnly

/**
 * Hands the deployment's working calendar to the figures (the app does it when the patrols plugin
 * registers): finishing a patrol is also called by the trackers' intake, which knows no calendar.
 */
export function setWorkSeconds(fn: WorkSeconds): void {
  workSecondsOf = fn
}

/** The working seconds of a day by the calendar in use. */
export function workSecondsOfDay(day: string): number {
  return workSecondsOf(day)
}

/** China midnight of a day, as an instant. */
export const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`)

/** A China day's bounds, working seconds and default rules, as the compliance is written with. */
function complianceDay(day: string): ComplianceDayInput {
  return {
    day,
    from: dayStart(day),
    to: dayStart(addDays(day, 1)),
    workS: workSecondsOf(day),
    defaults: DEFAULT_RULES,
  }
}

/**
 * Recomputes a day's compliance (the workers given, or every worker with a patrol that day, within
 * the subtrees given) in one statement; answers how many workers' days it wrote.
 */
export function recomputeCompliance(
  ex: Executor,
  day: string,
  opts: { userIds?: string[]; within?: string[] | null } = {},
): Promise<number> {
  return complianceRepo.recompute(ex, { ...complianceDay(day), ...opts })
}

/**
 * Ends a patrol at `endedAt` (never before its start) and computes and stores its figures and
 * compacted track with its worker's compliance for the day it started (one statement after the
 * row's lock), in one transaction (a savepoint inside the caller's). Called again with the stored end
 * when late points arrive. Answers false for an unknown patrol.
 */
export async function finishPatrol(ex: Executor, patrolId: string, endedAt: Date): Promise<boolean> {
  return ex.transaction(async (tx) => {
    const p = await patrolsRepo.lock(tx, patrolId)
    if (!p) return false
    const startedAt = new Date(p.started_at)
    const end = endedAt < startedAt ? startedAt : endedAt
    await figuresRepo.store(
      tx,
      {
        id: p.id,
        userId: p.user_id,
        gridId: p.grid_id,
        gridPath: p.grid_path,
        startedAt,
        endedAt: end,
        defaultRadiusM: DEFAULT_RULES.coverageRadiusM,
      },
      complianceDay(chinaDay(startedAt)),
    )
    return true
  })
}
