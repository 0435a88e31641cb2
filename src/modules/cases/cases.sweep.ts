import { sql } from 'drizzle-orm'
import type { FastifyBaseLogger } from 'fastify'
import { type Db, type Executor, queryRows } from '../../db/database'
import { uuidv7 } from '../../lib/ids'
import { safeMessage } from '../../lib/safe-error'
import { outboxRepo } from '../outbox/outbox.repo'
import type { WorkCalendar } from './calendar/calendar'
import { roundShare, runningRound, type StageClockRow } from './cases.clock'

export type Grade = 'normal' | 'yellow' | 'red'

/** 督办 grades by the share of a stage's working-time limit used: a warning, then the yellow and red cards. */
export const SUPERVISION_LIMITS: { grade: Grade; share: number }[] = [
  { grade: 'red', share: 1.5 },
  { grade: 'yellow', share: 1 },
  { grade: 'normal', share: 0.8 },
]

/** The grade a stage has earned, or null while it is comfortably within its limit. */
export function gradeOf(share: number): Grade | null {
  return (
    SUPERVISION_LIMITS.find((l) => share > l.share || (l.grade === 'normal' && share >= l.share))?.grade ??
    null
  )
}

/** The states of the handling stage. */
const HANDLING = sql.raw(`'accepted', 'dispatched', 'in_progress', 'reopened', 'returned', 'escalated'`)

/**
 * The supervision sweep: every open case whose running stage has used 80% of its limit gets a
 * normal notice, an overdue one a yellow card, one 50% past its limit a red card that also goes to
 * the handler's head; each whistled department late to report in gets a yellow card of its own. Each
 * notice is issued once per round of its stage (a unique index), recorded, and announced through the
 * outbox. A transaction-scoped advisory lock lets one node sweep at a time.
 */
export function createSupervisionSweep(
  db: Db,
  calendar: WorkCalendar,
  clock: () => Date,
  log: FastifyBaseLogger,
) {
  let timer: NodeJS.Timeout | null = null

  async function run(): Promise<number> {
    const now = clock()
    return db.transaction(async (tx) => {
      const [lock] = await queryRows<{ got: boolean }>(
        tx,
        sql`select pg_try_advisory_xact_lock(hashtext('wangge.supervision_sweep')) as got`,
      )
      if (!lock?.got) return 0
      let issued = 0
      for (const row of await runningCases(tx, now)) {
        const round = runningRound(row)
        if (!round) continue
        const grade = gradeOf(roundShare(calendar, round, now))
        if (
          grade &&
          (await issue(tx, { caseId: row.id, stage: round.stage, grade, round: round.start }, now))
        )
          issued += 1
      }
      const late = await queryRows<{ case_id: string; department_id: string; summoned_at: Date }>(
        tx,
        sql`select case_id, department_id, summoned_at from case_participants p
          where reported_at is null and report_due < ${now}
            and exists (select 1 from cases c where c.id = p.case_id and c.state in (${HANDLING}))`,
      )
      for (const l of late) {
        const notice = {
          caseId: l.case_id,
          stage: 'report_in',
          grade: 'yellow' as const,
          round: l.summoned_at,
        }
        if (await issue(tx, { ...notice, departmentId: l.department_id }, now)) issued += 1
      }
      return issued
    })
  }

  /** Open cases whose stage clock runs (the round's start and pauses are kept on the case: cases.clock.ts). */
  function runningCases(tx: Executor, now: Date) {
    return queryRows<StageClockRow & { id: string }>(
      tx,
      sql`select id, state, suspended_from, stage_started_at, stage_paused_ms, accept_due, handle_due, verify_due
        from cases where state in ('reported', 'handled', ${HANDLING}) and stage_started_at < ${now}`,
    )
  }

  async function issue(
    tx: Executor,
    n: { caseId: string; stage: string; grade: Grade; round: Date; departmentId?: string },
    now: Date,
  ) {
    const toHead = n.grade === 'red'
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`insert into supervision_notices (id, case_id, grade, stage, issued_at, to_head, round_started_at, department_id)
        values (${uuidv7()}, ${n.caseId}, ${n.grade}, ${n.stage}, ${now}, ${toHead}, ${n.round}, ${n.departmentId ?? null})
        on conflict do nothing returning id`,
    )
    if (rows.length === 0) return false
    // The case shows the highest grade in force; a department's late report-in does not lower it.
    await tx.execute(sql`update cases set supervision = case
        when supervision = 'red' or (supervision = 'yellow' and ${n.grade} = 'normal') then supervision
        else ${n.grade} end, updated_at = now()
      where id = ${n.caseId}`)
    await outboxRepo.enqueue(tx, 'case.supervised', {
      caseId: n.caseId,
      grade: n.grade,
      stage: n.stage,
      toHead,
      ...(n.departmentId ? { departmentId: n.departmentId } : {}),
    })
    return true
  }

  return {
    run,
    start(everyMs = 60_000) {
      timer ??= setInterval(() => {
        run().catch((error) => log.error({ err: safeMessage(error) }, 'supervision sweep failed'))
      }, everyMs)
      timer.unref()
    },
    stop() {
      if (timer) clearInterval(timer)
      timer = null
    },
  }
}

export type SupervisionSweep = ReturnType<typeof createSupervisionSweep>

declare module 'fastify' {
  interface FastifyInstance {
    /** The supervision sweep: the server runs it every minute; tests run it with a fixed clock. */
    sweep: SupervisionSweep
  }
}
