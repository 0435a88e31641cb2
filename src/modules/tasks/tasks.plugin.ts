import type { FastifyInstance } from 'fastify'
import { campaignsRoutes } from './campaigns.routes'
import { createCampaignsService, type TasksDeps } from './campaigns.service'
import { createOutcomesService } from './outcomes.service'

/** Campaigns 专项行动 and their door tasks. */
export async function tasksPlugin(app: FastifyInstance, opts: { deps: TasksDeps }) {
  await app.register(campaignsRoutes, {
    campaigns: createCampaignsService(opts.deps),
    outcomes: createOutcomesService(opts.deps),
  })
}
