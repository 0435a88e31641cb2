import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/request-context'
import { sameSite } from '../../http/same-site'
import { type SessionRecheck, SOCKET_SIGNED_OUT, watchSession } from '../../http/socket-session'
import type { NotifyHub } from './notify.hub'
import type { NotifyService } from './notify.service'

const NotificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  subject: z.record(z.string(), z.unknown()),
  titleZh: z.string(),
  titleEn: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
})

export async function notifyRoutes(
  app: FastifyInstance,
  opts: { notify: NotifyService; hub: NotifyHub; allowedOrigins: readonly string[]; recheck: SessionRecheck },
) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { notify, hub } = opts
  const tags = ['notifications']

  r.get(
    '/api/notifications',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: 'My inbox, newest first',
        querystring: z.object({
          unread: z
            .enum(['true', 'false'])
            .default('false')
            .transform((v) => v === 'true'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.uuid().optional(),
        }),
        response: {
          200: z.object({
            items: z.array(NotificationSchema),
            unread: z.number(),
            nextCursor: z.string().nullable(),
          }),
        },
      },
    },
    (req) => notify.list(req.ctx, req.query),
  )

  r.post(
    '/api/notifications/:id/read',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: 'Mark one notification (or `all`) read',
        params: z.object({ id: z.union([z.uuid(), z.literal('all')]) }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await notify.markRead(req.ctx, req.params.id)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/api/notifications/live',
    {
      websocket: true,
      schema: {
        tags,
        summary:
          'WebSocket: new notifications pushed as they are written; closed with 4401 once the session has ended',
      },
    },
    (socket, req) => {
      const actor = req.ctx.actor
      const self = `${req.protocol}://${req.host}`
      if (actor?.type !== 'user' || !sameSite(req.headers.origin, self, opts.allowedOrigins)) {
        socket.close(SOCKET_SIGNED_OUT, 'sign in first')
        return
      }
      const leave = hub.join(actor.id, socket)
      socket.on('close', leave)
      // One's own inbox needs no permission: only that the session still stands.
      watchSession(socket, req, opts.recheck)
      socket.send(JSON.stringify({ type: 'hello' }))
    },
  )
}
