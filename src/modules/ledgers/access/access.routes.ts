import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { requireActor } from '../../../http/request-context'
import { RevealLogSchema, RevealQuerySchema, RevealReadersSchema } from './access.schema'
import type { AccessService } from './access.service'

export async function accessRoutes(app: FastifyInstance, opts: { access: AccessService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { access } = opts
  const pre = { preHandler: requireActor }
  const tags = ['ledgers']

  r.get(
    '/api/ledgers/reveals',
    {
      ...pre,
      schema: {
        tags,
        summary: 'Every unmask and break-glass read of the ledger records of your subtree 查看记录',
        querystring: RevealQuerySchema,
        response: { 200: RevealLogSchema },
      },
    },
    (req) => access.reveals(req.ctx, req.query),
  )

  r.get(
    '/api/ledgers/reveals/readers',
    {
      ...pre,
      schema: {
        tags,
        summary: 'Who revealed records of your subtree (the log’s reader filter)',
        querystring: RevealQuerySchema.pick({ from: true, to: true }),
        response: { 200: RevealReadersSchema },
      },
    },
    (req) => access.readers(req.ctx, req.query),
  )
}
