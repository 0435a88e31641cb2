import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'
import { uuidv7 } from '../../lib/ids'
import type { StageClockRow } from './cases.clock'

/** The states of the handling stage. */
const HANDLING = sql.raw(`'accepted', 'dispatched', 'in_progress', 'reopened', 'returned', 'escalated'`)

/** A supervision notice the sweep issues: once per case, stage, round and department (a unique index). */
export interface SweepNotice {
  caseId: string
  stage: string
  grade: string
  round: Date
  departmentId?: string
}

/** The supervision sweep's statements. */
export const sweepRepo = {
  /** A transaction-scoped advisory lock: one node sweeps at a time. */
  async tryLock(tx: Executor): Promise<boolean> {
    const [lock] = await queryRows<{ got: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(hashtext('wangge.supervision_sweep')) as got`,
    )
    return !!lock?.got
  },

  /** Open cases whose stage clock runs (the round's start and pauses are kept on the case: cases.clock.ts). */
  runningCases(tx: Executor, now: Date): Promise<(StageClockRow & { id: string })[]> {
    return queryRows<StageClockRow & { id: string }>(
      tx,
      sql`select id, state, suspended_from, stage_started_at, stage_paused_ms, accept_due, handle_due, verify_due
        from cases where state in ('reported', 'handled', ${HANDLING}) and stage_started_at < ${now}`,
    )
  },

  /** Whistled departments 吹哨报到 past their report-in time on cases still being handled. */
  lateReportIns(
    tx: Executor,
    now: Date,
  ): Promise<{ case_id: string; department_id: string; summoned_at: Date }[]> {
    return queryRows(
      tx,
      sql`select case_id, department_id, summoned_at from case_participants p
          where reported_at is null and report_due < ${now}
            and exists (select 1 from cases c where c.id = p.case_id and c.state in (${HANDLING}))`,
    )
  },

  /** Writes a notice unless this round already has it; answers whether it was written. */
  async issue(tx: Executor, n: SweepNotice, now: Date): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`insert into supervision_notices (id, case_id, grade, stage, issued_at, to_head, round_started_at, department_id)
        values (${uuidv7()}, ${n.caseId}, ${n.grade}, ${n.stage}, ${now}, ${n.grade === 'red'}, ${n.round}, ${n.departmentId ?? null})
        on conflict do nothing returning id`,
    )
    return rows.length > 0
  },

  /** The case shows the highest grade in force; a department's late report-in does not lower it. */
  async raiseGrade(tx: Executor, caseId: string, grade: string): Promise<void> {
    await tx.execute(sql`update cases set supervision = case
        when supervision = 'red' or (supervision = 'yellow' and ${grade} = 'normal') then supervision
        else ${grade} end, updated_at = now()
      where id = ${caseId}`)
  },
}
