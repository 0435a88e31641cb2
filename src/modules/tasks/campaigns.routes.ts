import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { prefersChinese } from '../../http/problem-titles'
import {
  CampaignCreateSchema,
  CampaignListQuery,
  CampaignPageSchema,
  CampaignParams,
  CampaignSchema,
  MyTasksQuery,
  OutcomeCreateSchema,
  OutcomeSchema,
  ProgressQuery,
  ProgressSchema,
  ReassignSchema,
  TaskListQuery,
  TaskPageSchema,
  TaskParams,
} from './campaigns.schema'
import type { CampaignsService } from './campaigns.service'
import { campaignFileName, campaignWorkbook } from './campaigns.xlsx'
import type { OutcomesService } from './outcomes.service'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export async function campaignsRoutes(
  app: FastifyInstance,
  opts: { campaigns: CampaignsService; outcomes: OutcomesService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { campaigns, outcomes } = opts
  const tags = ['campaigns']
  const manage = { permission: 'campaign.manage' } as const
  const read = { permission: 'ledger.read' } as const

  r.post(
    '/api/campaigns',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Start a campaign 专项行动 over a grid’s subtree: one task per target, assigned to the grid’s worker',
        body: CampaignCreateSchema,
        response: { 201: CampaignSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await campaigns.create(req.ctx, req.body)),
  )
  r.get(
    '/api/campaigns',
    {
      config: read,
      schema: {
        tags,
        summary: 'Campaigns the reader runs (in their grids) or has doors in',
        querystring: CampaignListQuery,
        response: { 200: CampaignPageSchema },
      },
    },
    (req) => campaigns.list(req.ctx, req.query.state),
  )
  r.get(
    '/api/campaigns/tasks/mine',
    {
      config: read,
      schema: {
        tags,
        summary: 'My doors in the campaigns running today (open, and revisits whose day has come)',
        querystring: MyTasksQuery,
        response: { 200: TaskPageSchema },
      },
    },
    (req) => campaigns.mine(req.ctx, req.query.due === 'true', req.query.limit),
  )
  r.get(
    '/api/campaigns/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One campaign with its doors by state',
        params: CampaignParams,
        response: { 200: CampaignSchema },
      },
    },
    (req) => campaigns.one(req.ctx, req.params.id),
  )
  r.get(
    '/api/campaigns/:id/progress',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Progress per grid or per worker',
        params: CampaignParams,
        querystring: ProgressQuery,
        response: { 200: ProgressSchema },
      },
    },
    (req) => campaigns.progress(req.ctx, req.params.id, req.query.by),
  )
  r.get(
    '/api/campaigns/:id/tasks',
    {
      config: read,
      schema: {
        tags,
        summary: 'A campaign’s doors (a worker sees their own)',
        params: CampaignParams,
        querystring: TaskListQuery,
        response: { 200: TaskPageSchema },
      },
    },
    (req) => campaigns.tasks(req.ctx, req.params.id, req.query),
  )
  r.post(
    '/api/campaigns/:id/reassign',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Move unfinished doors to another worker',
        params: CampaignParams,
        body: ReassignSchema,
        response: { 200: z.object({ moved: z.number().int() }) },
      },
    },
    (req) => campaigns.reassign(req.ctx, req.params.id, req.body),
  )
  r.post(
    '/api/campaigns/:id/close',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Close a campaign (doors recorded before its end still arrive)',
        params: CampaignParams,
        body: z.object({ version: z.number().int().min(1) }).strict(),
        response: { 200: CampaignSchema },
      },
    },
    (req) => campaigns.close(req.ctx, req.params.id, req.body.version),
  )
  r.get(
    '/api/campaigns/:id/export.xlsx',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'The campaign’s doors as an Excel sheet (headers in Chinese, or English with Accept-Language: en)',
        params: CampaignParams,
      },
    },
    async (req, reply) => {
      const { campaign, tasks } = await campaigns.exportRows(req.ctx, req.params.id)
      const lang = prefersChinese(req.headers['accept-language']) ? 'zh' : 'en'
      return reply
        .type(XLSX)
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(campaignFileName(campaign, lang))}`,
        )
        .header('cache-control', 'no-store')
        .send(campaignWorkbook(campaign, tasks, lang, new Date()))
    },
  )
  r.post(
    '/api/campaigns/tasks/:taskId/outcomes',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Record a door’s outcome 入户结果 (its id comes from the phone: a replay answers the stored outcome)',
        params: TaskParams,
        body: OutcomeCreateSchema,
        response: { 200: OutcomeSchema, 201: OutcomeSchema },
      },
    },
    async (req, reply) => {
      const { view, replayed } = await outcomes.record(req.ctx, req.params.taskId, req.body)
      if (replayed) reply.header('idempotent-replayed', 'true')
      return reply.code(replayed ? 200 : 201).send(view)
    },
  )
}
