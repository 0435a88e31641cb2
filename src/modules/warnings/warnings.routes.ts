import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/request-context'
import {
  WarningActionBodySchema,
  WarningActionParamsSchema,
  WarningListQuerySchema,
  WarningListSchema,
  WarningSummaryQuerySchema,
  WarningSummarySchema,
  WarningViewSchema,
} from './warnings.schema'
import type { WarningsService } from './warnings.service'

/** Early warnings 预警: the list of the reader's subtrees, one warning, and what is done with it. */
export async function warningsRoutes(app: FastifyInstance, opts: { warnings: WarningsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { warnings } = opts
  const tags = ['warnings']
  const read = { permission: 'case.read' as const }

  r.get(
    '/api/warnings',
    {
      preHandler: requireActor,
      config: read,
      schema: {
        tags,
        summary: 'Warnings of the reader’s subtrees, newest first (open ones unless `state` says otherwise)',
        querystring: WarningListQuerySchema,
        response: { 200: WarningListSchema },
      },
    },
    (req) => warnings.list(req.ctx, req.query),
  )

  r.get(
    '/api/warnings/summary',
    {
      preHandler: requireActor,
      config: read,
      schema: {
        tags,
        summary:
          'The open warnings of the reader’s subtrees counted by rule and level (the ticker’s summary line)',
        querystring: WarningSummaryQuerySchema,
        response: { 200: WarningSummarySchema },
      },
    },
    (req) => warnings.summary(req.ctx, req.query),
  )

  r.get(
    '/api/warnings/:id',
    {
      preHandler: requireActor,
      config: read,
      schema: {
        tags,
        summary: 'One warning with its inputs (what the rule measured) and its outcome',
        params: z.object({ id: z.uuid() }),
        response: { 200: WarningViewSchema },
      },
    },
    (req) => warnings.get(req.ctx, req.params.id),
  )

  r.post(
    '/api/warnings/:id/:action',
    {
      preHandler: requireActor,
      config: { permission: 'case.supervise' as const },
      schema: {
        tags,
        summary:
          'Acknowledge 知悉, dismiss 排除 (with a reason), convert 转为事件 an open warning, or supervise 督办 the case of a deadline warning; who and why are kept',
        params: WarningActionParamsSchema,
        body: WarningActionBodySchema,
        response: { 200: WarningViewSchema },
      },
    },
    (req) => warnings.act(req.ctx, req.params.id, req.params.action, req.body),
  )
}
