import type { FastifyBaseLogger } from 'fastify'
import type { Db, Executor } from '../../../db/database'
import { systemContext } from '../../../lib/context'
import { safeMessage } from '../../../lib/safe-error'
import { recordAudit } from '../../audit/audit.service'
import { nearestHolders } from '../../auth/holders'
import type { NotifyService } from '../../notify/notify.service'
import type { OutboxDrainer } from '../../outbox/outbox.drainer'
import { outboxRepo } from '../../outbox/outbox.repo'
import { codesRepo } from '../codes/codes.repo'
import { maskName } from '../privacy/masks'
import { groupsRepo } from './groups.repo'
import { chinaDay } from './groups.schedule'

export const VISIT_OVERDUE = 'group.visit_overdue'
const SWEEPER = systemContext('visit_sweep')

/**
 * Missed visits, escalated 逾期提级: each open membership whose next visit was due before today is
 * marked escalated, audited and announced through the outbox (the grid's chief is told in the
 * inbox), once per due date: a membership escalated before its current due date is escalated again
 * when that one is missed too. One node sweeps at a time (a transaction-scoped advisory lock).
 */
export function createVisitSweep(db: Db, clock: () => Date, log: FastifyBaseLogger, afterWrite: () => void) {
  let timer: NodeJS.Timeout | null = null

  async function run(): Promise<number> {
    const now = clock()
    const today = chinaDay(now)
    const escalated = await db.transaction(async (tx) => {
      if (!(await groupsRepo.trySweepLock(tx))) return 0
      const rows = await groupsRepo.escalateOverdue(tx, now, today)
      for (const r of rows) {
        await recordAudit(tx, SWEEPER, {
          action: 'group_membership.escalate',
          resourceType: 'group_membership',
          resourceId: r.id,
          summary: { groupCode: r.group_code, nextVisitDue: r.next_visit_due, today },
        })
        await outboxRepo.enqueue(tx, VISIT_OVERDUE, { membershipId: r.id, due: r.next_visit_due })
      }
      return rows.length
    })
    if (escalated > 0) afterWrite()
    return escalated
  }

  return {
    run,
    start(everyMs = 15 * 60_000) {
      timer ??= setInterval(() => {
        run().catch((error) => log.error({ err: safeMessage(error) }, 'visit sweep failed'))
      }, everyMs)
      timer.unref()
    },
    stop() {
      if (timer) clearInterval(timer)
      timer = null
    },
  }
}

export type VisitSweep = ReturnType<typeof createVisitSweep>

/** Tells the chief nearest above a missed visit's grid (holders of break-glass there), in the inbox. */
export function registerGroupNotices(drainer: OutboxDrainer, notify: NotifyService) {
  drainer.on(VISIT_OVERDUE, async (tx: Executor, p) => {
    const row = await groupsRepo.find(tx, String(p.membershipId))
    if (!row) return undefined
    const group = await codesRepo.find(tx, 'special_group', row.group_code)
    const chiefs = await nearestHolders(tx, 'ledger.break_glass', { gridPath: row.grid_path })
    const who = maskName(row.person_name)
    return notify.send(tx, chiefs, {
      kind: VISIT_OVERDUE,
      subject: {
        membershipId: row.id,
        gridCode: row.grid_code,
        groupCode: row.group_code,
        due: String(p.due),
      },
      titleZh: `走访逾期：${group?.zh ?? row.group_code} ${who}（${row.grid_name}，应于 ${String(p.due)} 前走访）`,
      titleEn: `Visit overdue: ${group?.en ?? row.group_code} ${who} (${row.grid_name}, due ${String(p.due)})`,
    })
  })
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The overdue-visit sweep: the server runs it every quarter hour; tests run it with a fixed clock. */
    visitSweep: VisitSweep
  }
}
