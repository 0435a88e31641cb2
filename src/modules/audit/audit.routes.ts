import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Db } from '../../db/database'
import { requireActor } from '../../http/request-context'
import { toAuditEntry } from './audit.presenter'
import { AuditActorsQuerySchema, AuditActorsSchema, AuditPageSchema, AuditQuerySchema } from './audit.schema'
import { findAuditActors, listAudit } from './audit.service'

export async function auditRoutes(app: FastifyInstance, opts: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  r.get(
    '/api/audit',
    {
      preHandler: requireActor,
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first',
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema },
      },
    },
    async (req) => {
      const q = req.query
      const { rows, names } = await listAudit(opts.db, req.ctx, {
        ...q,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        beforeId: q.cursor ? Number(q.cursor) : undefined,
        limit: q.limit,
      })
      const last = rows.at(-1)
      return {
        items: rows.map(toAuditEntry),
        names,
        nextCursor: rows.length === q.limit && last ? String(last.id) : null,
      }
    },
  )
  r.get(
    '/api/audit/actors',
    {
      preHandler: requireActor,
      schema: {
        tags: ['audit'],
        summary: "Accounts by part of their username or name, for the log's person filter",
        querystring: AuditActorsQuerySchema,
        response: { 200: AuditActorsSchema },
      },
    },
    async (req) => ({ items: await findAuditActors(opts.db, req.ctx, req.query.q) }),
  )
}
