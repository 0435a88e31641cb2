import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../../db/database'
import { type PeriodicJob, periodicJob } from '../../lib/periodic'
import { summaryRepo } from './dashboard.summary.repo'

/** Every second, as the events rollup: the queue stays short, so readers add little to what is folded. */
export const SUMMARY_FOLD_EVERY_MS = 1_000
const BATCH = 20_000

/** Moves the base-data summary's queue into it until empty; any number of nodes may run it at once. */
export function createSummaryFold(db: Db, log: FastifyBaseLogger): PeriodicJob<number> {
  return periodicJob(
    'base-data summary fold',
    SUMMARY_FOLD_EVERY_MS,
    async () => {
      let total = 0
      for (let taken = BATCH; taken === BATCH; total += taken) taken = await summaryRepo.fold(db, BATCH)
      return total
    },
    log,
  )
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The base-data summary's fold: the server runs it every second; tests run it when they want. */
    summaryFold: PeriodicJob<number>
  }
}
