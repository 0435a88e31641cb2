import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../../db/database'
import { safeMessage } from '../../lib/safe-error'
import { maintainTrackPartitions, type PartitionPolicy } from './track.partitions'

/** Every three hours: a missed run (a node down over midnight) still leaves days ahead ready. */
export const TRACK_PARTITIONS_EVERY_MS = 3 * 3_600_000

/**
 * The upkeep of `track_points`' day partitions on a schedule: run once at start (before points are
 * taken) and every few hours; each run creates the days ahead and drops those past the retention
 * under an advisory lock, so any number of nodes may run it.
 */
export function createTrackPartitionSweep(
  db: Db,
  clock: () => Date,
  policy: PartitionPolicy,
  log: FastifyBaseLogger,
) {
  let timer: NodeJS.Timeout | null = null

  async function run() {
    const done = await maintainTrackPartitions(db, clock(), policy)
    if (done.created.length || done.dropped.length)
      log.info({ created: done.created, dropped: done.dropped }, 'track partitions kept')
    return done
  }

  return {
    run,
    start(everyMs = TRACK_PARTITIONS_EVERY_MS) {
      timer ??= setInterval(() => {
        run().catch((error) => log.error({ err: safeMessage(error) }, 'track partition upkeep failed'))
      }, everyMs)
      timer.unref()
    },
    stop() {
      if (timer) clearInterval(timer)
      timer = null
    },
  }
}

export type TrackPartitionSweep = ReturnType<typeof createTrackPartitionSweep>

declare module 'fastify' {
  interface FastifyInstance {
    /** The track partitions' upkeep: the server runs it at start and every three hours; tests run it with a fixed clock. */
    trackPartitions: TrackPartitionSweep
  }
}
