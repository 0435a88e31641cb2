import type { FastifyInstance } from 'fastify'
import { safeMessage } from '../../lib/safe-error'
import type { GridsService } from '../grids/grids.service'
import { setWorkSeconds, type WorkSeconds } from './patrol.finish'
import { createComplianceService } from './patrols.compliance.service'
import { patrolsRoutes } from './patrols.routes'
import { createPatrolsService, type PatrolDeps } from './patrols.service'
import { maintainTrackPartitions } from './track.partitions'

/**
 * The patrols' routes. On registering, the day partitions of the track points are made ready (today
 * and the days ahead; the trackers part keeps them so daily), and the working calendar is handed to
 * the figures.
 */
export async function patrolsPlugin(
  app: FastifyInstance,
  opts: { deps: PatrolDeps; grids: GridsService; workSeconds: WorkSeconds },
) {
  const { deps } = opts
  setWorkSeconds(opts.workSeconds)
  try {
    await maintainTrackPartitions(deps.db, deps.clock(), deps.partitions)
  } catch (error) {
    // The routes still serve (and the OpenAPI document is built without a database); points of a
    // day without its partition are refused until the daily upkeep makes it.
    app.log.error({ err: safeMessage(error) }, 'could not make the track partitions ready')
  }
  await app.register(patrolsRoutes, {
    patrols: createPatrolsService(deps),
    compliance: createComplianceService(deps, opts.grids),
  })
}
