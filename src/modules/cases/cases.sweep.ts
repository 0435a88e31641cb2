import type { FastifyBaseLogger } from 'fastify'
import type { Db, Executor } from '../../db/database'
import { safeMessage } from '../../lib/safe-error'
import { outboxRepo } from '../outbox/outbox.repo'
import type { WorkCalendar } from './calendar/calendar'
import { roundShare, runningRound } from './cases.clock'
import { sweepRepo } from './cases.sweep.repo'

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
      if (!(await sweepRepo.tryLock(tx))) return 0
      let issued = 0
      for (const row of await sweepRepo.runningCases(tx, now)) {
        const round = runningRound(row)
        if (!round) continue
        const grade = gradeOf(roundShare(calendar, round, now))
        if (
          grade &&
          (await issue(tx, { caseId: row.id, stage: round.stage, grade, round: round.start }, now))
        )
          issued += 1
      }
      const late = await sweepRepo.lateReportIns(tx, now)
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

  async function issue(
    tx: Executor,
    n: { caseId: string; stage: string; grade: Grade; round: Date; departmentId?: string },
    now: Date,
  ) {
    if (!(await sweepRepo.issue(tx, n, now))) return false
    await sweepRepo.raiseGrade(tx, n.caseId, n.grade)
    await outboxRepo.enqueue(tx, 'case.supervised', {
      caseId: n.caseId,
      grade: n.grade,
      stage: n.stage,
      toHead: n.grade === 'red',
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
