import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { sameSite } from '../../http/same-site'
import {
  type SessionRecheck,
  SOCKET_FORBIDDEN,
  SOCKET_SIGNED_OUT,
  watchSession,
} from '../../http/socket-session'
import type { LiveHub } from './live.hub'
import { mayWatch } from './live.policy'

/** What a screen says it looks at: a box (at most 5° a side) and its layers. */
const ViewMessageSchema = z.object({
  type: z.literal('view'),
  bbox: z
    .tuple([z.number(), z.number(), z.number(), z.number()])
    .refine(
      ([w, s, e, n]) =>
        w >= -180 && e <= 180 && s >= -90 && n <= 90 && w < e && s < n && e - w <= 5 && n - s <= 5,
      'a box within the globe, at most 5° a side',
    ),
  layers: z.array(z.enum(['cases', 'positions'])).max(2),
})

/**
 * `GET /api/live` (WebSocket): the live map. The screen sends `{ type: 'view', bbox, layers }` when
 * its view changes; it is sent `{ type: 'cases', items }` (batched over about 100 ms) and
 * `{ type: 'positions', items }` (once a second) with what changed there.
 * A message that is not a view is answered `{ type: 'error', code: 'live.bad_view' }` and ignored.
 * The session is checked again every `recheck.everyMs`: the socket closes with 4401 once it has
 * ended, with 4403 once the user reads neither events nor patrols (and sees what their grants allow now).
 */
export async function liveRoutes(
  app: FastifyInstance,
  opts: { hub: LiveHub; allowedOrigins: readonly string[]; recheck: SessionRecheck },
) {
  app.get(
    '/api/live',
    {
      websocket: true,
      schema: { tags: ['live'], summary: 'WebSocket: changes in the map view, in batches' },
    },
    (socket, req) => {
      const actor = req.ctx.actor
      const self = `${req.protocol}://${req.host}`
      if (actor?.type !== 'user' || !sameSite(req.headers.origin, self, opts.allowedOrigins)) {
        socket.close(SOCKET_SIGNED_OUT, 'sign in first')
        return
      }
      if (!mayWatch(actor)) {
        socket.close(SOCKET_FORBIDDEN, 'not allowed')
        return
      }
      const viewer = opts.hub.join(actor, socket)
      watchSession(socket, req, opts.recheck, { allowed: mayWatch, onActor: viewer.reauthorize })
      socket.on('message', (data: Buffer) => {
        let parsed: unknown
        try {
          parsed = JSON.parse(data.toString('utf8'))
        } catch {
          parsed = undefined
        }
        const view = ViewMessageSchema.safeParse(parsed)
        if (view.success) viewer.look({ bbox: view.data.bbox, layers: view.data.layers })
        else socket.send(JSON.stringify({ type: 'error', code: 'live.bad_view' }))
      })
      socket.on('close', () => viewer.leave())
      socket.send(JSON.stringify({ type: 'hello' }))
    },
  )
}
