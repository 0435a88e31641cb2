import { sql } from 'drizzle-orm'
import type { FastifyBaseLogger } from 'fastify'
import { type Db, type Executor, queryRows } from '../../db/database'
import { uuidv7 } from '../../lib/ids'
import { safeMessage } from '../../lib/safe-error'
import { outboxRepo } from '../outbox/outbox.repo'
import type { WorkCalendar } from './calendar/calendar'

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

/** The states of the handling stage (suspension pauses it; see `pausedMs`). */
const HANDLING = sql.raw(`'accepted', 'dispatched', 'in_progress', 'reopened', 'returned', 'escalated'`)

interface Running {
  id: string
  stage: 'accept' | 'handle' | 'verify'
  /** When this round of the stage began: a rework 返工 starts a new round of `handle`. */
  start: Date
  due: Date
  /** Working time the round stood suspended; its deadline has been pushed by as much. */
  paused_ms: number
}

/**
 * The share of the round's limit used, on the clock `resume` keeps: the deadline was pushed by the
 * working time the case stood suspended, so that time counts neither as used nor as limit.
 */
function roundShare(calendar: WorkCalendar, r: Pick<Running, 'start' | 'due' | 'paused_ms'>, now: Date) {
  const start = new Date(r.start)
  const paused = Number(r.paused_ms)
  const limit = Math.max(0, calendar.workingMsBetween(start, new Date(r.due)) - paused)
  return calendar.limitShare(start, calendar.addWorkingMs(start, limit), now, paused)
}

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
      for (const r of await runningRounds(tx, now)) {
        const grade = gradeOf(roundShare(calendar, r, now))
        if (grade && (await issue(tx, { caseId: r.id, stage: r.stage, grade, round: r.start }, now)))
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

  /**
   * The running stage of each open case and when its round began: the report for `accept`, the last
   * entry into handling from outside it (acceptance, a failed verification, a reopening, a bad
   * rating; not a resume) for `handle`, the last handling for `verify`.
   */
  function runningRounds(tx: Executor, now: Date) {
    return queryRows<Running>(
      tx,
      sql`select s.id, s.stage, s.start, s.due, coalesce((select sum((t.data->>'pausedMs')::bigint)
            from case_transitions t where t.case_id = s.id and t.action = 'resume' and t.at >= s.start), 0) as paused_ms
          from (
            select id, 'accept' as stage, reported_at as start, accept_due as due from cases where state = 'reported'
            union all
            select c.id, 'handle', coalesce((select max(t.at) from case_transitions t where t.case_id = c.id
                and t.from_state in ('reported', 'handled', 'verified', 'closed') and t.to_state in (${HANDLING})),
                c.accepted_at), c.handle_due
              from cases c where c.state in (${HANDLING})
            union all
            select id, 'verify', handled_at, verify_due from cases where state = 'handled') s
          where s.start is not null and s.due is not null and s.start < ${now}`,
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
