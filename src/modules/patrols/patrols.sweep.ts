import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../../db/database'
import { systemContext } from '../../lib/context'
import { addDays, chinaDay } from '../../lib/dates'
import { safeMessage } from '../../lib/safe-error'
import { recordAudit } from '../audit/audit.service'
import { finishPatrol, recomputeCompliance } from './patrol.finish'
import { patrolsRepo } from './patrols.repo'
import { IDLE_END_MINUTES } from './patrols.rules'

const SWEEPER = systemContext('patrol_sweep')
/** Patrols ended per run at most (the next run takes the rest). */
const BATCH = 200

/**
 * The idle sweep: a running patrol with no point for IDLE_END_MINUTES (the phone died, the worker
 * forgot to end it) is ended at its last point (at its start when it has none) with its figures, and
 * audited. The first run of a China day also recomputes yesterday's compliance of every worker (the
 * nightly job: a calendar day changed since, points that came late). One node sweeps at a time (a
 * transaction-scoped advisory lock).
 */
export function createPatrolSweep(db: Db, clock: () => Date, log: FastifyBaseLogger, afterWrite: () => void) {
  let timer: NodeJS.Timeout | null = null
  let lastNight: string | null = null

  async function run(): Promise<{ ended: number; recomputed: number }> {
    const now = clock()
    const today = chinaDay(now)
    const result = await db.transaction(async (tx) => {
      if (!(await patrolsRepo.trySweepLock(tx))) return { ended: 0, recomputed: 0 }
      const cutoff = new Date(now.getTime() - IDLE_END_MINUTES * 60_000)
      const idle = await patrolsRepo.idle(tx, cutoff, BATCH)
      for (const p of idle) {
        const endedAt = new Date(p.last ?? p.started_at)
        await finishPatrol(tx, p.id, endedAt)
        await recordAudit(tx, SWEEPER, {
          action: 'patrol.end',
          resourceType: 'patrol',
          resourceId: p.id,
          summary: { endedAt: endedAt.toISOString(), reason: 'idle', idleMinutes: IDLE_END_MINUTES },
        })
      }
      const recomputed = lastNight === today ? 0 : await recomputeCompliance(tx, addDays(today, -1))
      return { ended: idle.length, recomputed }
    })
    lastNight = today
    if (result.ended > 0) afterWrite()
    return result
  }

  return {
    run,
    start(everyMs = 60_000) {
      timer ??= setInterval(() => {
        run().catch((error) => log.error({ err: safeMessage(error) }, 'patrol sweep failed'))
      }, everyMs)
      timer.unref()
    },
    stop() {
      if (timer) clearInterval(timer)
      timer = null
    },
  }
}

export type PatrolSweep = ReturnType<typeof createPatrolSweep>

declare module 'fastify' {
  interface FastifyInstance {
    /** The idle-patrol sweep: the server runs it every minute; tests run it with a fixed clock. */
    patrolSweep: PatrolSweep
  }
}
