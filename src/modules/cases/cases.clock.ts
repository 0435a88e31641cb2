import type { WorkCalendar } from './calendar/calendar'
import { CASE_STATES, type CaseState } from './cases.states'

export type Stage = 'accept' | 'handle' | 'verify'

/** The stage a state belongs to (a suspended case stays in the stage it was suspended from). */
export function stageOf(state: string, suspendedFrom: string | null = null): Stage {
  if (state === 'suspended' && suspendedFrom) return stageOf(suspendedFrom)
  return state === 'reported' ? 'accept' : state === 'handled' ? 'verify' : 'handle'
}

/** The stage whose clock a state runs on (paused while suspended), or null when none runs. */
export function clockOf(state: string, suspendedFrom: string | null = null): Stage | null {
  return state === 'verified' || !CASE_STATES[state as CaseState]?.open ? null : stageOf(state, suspendedFrom)
}

/** What a case row carries of its running stage's clock. */
export interface StageClockRow {
  state: string
  suspended_from: string | null
  /** When the running round of the stage began (a rework 返工 starts a new round of handling). */
  stage_started_at: Date | string | null
  /** Working time this round stood suspended; its deadline was pushed by as much. */
  stage_paused_ms: number | string
  accept_due: Date | string | null
  handle_due: Date | string | null
  verify_due: Date | string | null
}

/** The running round of a case's stage: where its clock started, its deadline, the time paused. */
export function runningRound(row: StageClockRow) {
  const stage = clockOf(row.state, row.suspended_from)
  const due = stage === 'accept' ? row.accept_due : stage === 'handle' ? row.handle_due : row.verify_due
  if (!stage || !row.stage_started_at || !due) return null
  return {
    stage,
    start: new Date(row.stage_started_at),
    due: new Date(due),
    pausedMs: Number(row.stage_paused_ms),
  }
}

/**
 * The share of the round's limit used, on the clock `resume` keeps: the deadline was pushed by the
 * working time the case stood suspended, so that time counts neither as used nor as limit. The
 * traffic light and the supervision sweep both read it.
 */
export function roundShare(
  calendar: WorkCalendar,
  r: { start: Date; due: Date; pausedMs: number },
  now: Date,
): number {
  const limit = Math.max(0, calendar.workingMsBetween(r.start, r.due) - r.pausedMs)
  return calendar.limitShare(r.start, calendar.addWorkingMs(r.start, limit), now, r.pausedMs)
}
