import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Db } from '../../db/database'
import { requireActor } from '../../http/request-context'
import { forbidden } from '../../lib/problem'
import { may } from '../auth/auth.policy'
import type { AuditRow } from './audit.repo'
import { AuditPageSchema, AuditQuerySchema } from './audit.schema'
import { listAudit } from './audit.service'

const present = (row: AuditRow) => ({
  id: String(row.id),
  at: row.at.toISOString(),
  actorType: row.actorType,
  actorId: row.actorId,
  actorName: row.actorName,
  action: row.action,
  resourceType: row.resourceType,
  resourceId: row.resourceId,
  ip: row.ip,
  requestId: row.requestId,
  summary: (row.summary ?? {}) as Record<string, unknown>,
  sealed: row.seq !== null,
})

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
      if (!may(req.ctx.actor, 'audit.read'))
        throw forbidden('auth.forbidden', 'You may not read the audit log')
      const q = req.query
      const rows = await listAudit(opts.db, {
        ...q,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        beforeId: q.cursor ? Number(q.cursor) : undefined,
        limit: q.limit,
      })
      const last = rows.at(-1)
      return {
        items: rows.map(present),
        nextCursor: rows.length === q.limit && last ? String(last.id) : null,
      }
    },
  )
}
