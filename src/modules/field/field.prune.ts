import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../../db/database'
import { periodicJob } from '../../lib/periodic'
import { fieldRepo } from './field.repo'

/** Every six hours: the log is pruned by age, a missed run only keeps it a little longer. */
export const FIELD_PRUNE_EVERY_MS = 6 * 3_600_000

/**
 * Keeps the field feed's change log to `retentionDays`: older changes are deleted and the horizon
 * moved, so a phone that last synced before it gets a full reset rather than a silent gap. Any number
 * of nodes may run it (the delete and the horizon move are one statement).
 */
export function createFieldChangesPrune(
  db: Db,
  clock: () => Date,
  retentionDays: number,
  log: FastifyBaseLogger,
) {
  return periodicJob(
    'field change log prune',
    FIELD_PRUNE_EVERY_MS,
    async () => {
      const pruned = await fieldRepo.prune(db, new Date(clock().getTime() - retentionDays * 86_400_000))
      if (pruned) log.info({ pruned }, 'field change log pruned')
      return pruned
    },
    log,
  )
}

export type FieldChangesPrune = ReturnType<typeof createFieldChangesPrune>

declare module 'fastify' {
  interface FastifyInstance {
    /** The field feed's change-log upkeep: the server runs it every six hours; tests run it with a clock. */
    fieldChangesPrune: FieldChangesPrune
  }
}
