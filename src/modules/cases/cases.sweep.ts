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

interface Running {
  id: string
  stage: 'accept' | 'handle' | 'verify'
  start: Date
  due: Date
}

/**
 * The supervision sweep: every open case whose running stage has used 80% of its limit gets a
 * normal notice, an overdue one a yellow card, one 50% past its limit a red card that also goes to
 * the handler's head; a whistled department late to report in gets a yellow card. Each notice is
 * issued once (a unique index), recorded, and announced through the outbox. A transaction-scoped
 * advisory lock lets one node sweep at a time.
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
      const running = await queryRows<Running>(
        tx,
        sql`select id, stage, start, due from (
            select id, 'accept' as stage, reported_at as start, accept_due as due from cases where state = 'reported'
            union all
            select id, 'handle', accepted_at, handle_due from cases
              where state in ('accepted', 'dispatched', 'in_progress', 'reopened', 'returned', 'escalated')
            union all
            select id, 'verify', handled_at, verify_due from cases where state = 'handled') s
          where start is not null and due is not null and start < ${now}`,
      )
      let issued = 0
      for (const r of running) {
        const grade = gradeOf(calendar.limitShare(new Date(r.start), new Date(r.due), now))
        if (grade && (await issue(tx, r.id, r.stage, grade, now))) issued += 1
      }
      const late = await queryRows<{ case_id: string }>(
        tx,
        sql`select distinct case_id from case_participants where reported_at is null and report_due < ${now}`,
      )
      for (const l of late) if (await issue(tx, l.case_id, 'report_in', 'yellow', now)) issued += 1
      return issued
    })
  }

  async function issue(tx: Executor, caseId: string, stage: string, grade: Grade, now: Date) {
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`insert into supervision_notices (id, case_id, grade, stage, issued_at, to_head)
        values (${uuidv7()}, ${caseId}, ${grade}, ${stage}, ${now}, ${grade === 'red'})
        on conflict do nothing returning id`,
    )
    if (rows.length === 0) return false
    await tx.execute(sql`update cases set supervision = ${grade}, updated_at = now() where id = ${caseId}`)
    await outboxRepo.enqueue(tx, 'case.supervised', { caseId, grade, stage, toHead: grade === 'red' })
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
