import type { FastifyRequest } from 'fastify'
import type { Actor } from '../lib/context'
import { SESSION_COOKIE } from './request-context'

/** Close codes a live socket's client understands: sign in again (4401), or stop, not allowed (4403). */
export const SOCKET_SIGNED_OUT = 4401
export const SOCKET_FORBIDDEN = 4403

/** How a live socket re-checks who it serves: the session behind its cookie, every `everyMs`. */
export interface SessionRecheck {
  everyMs: number
  /** The actor behind a session cookie now, or null when it ended, was revoked, idled or expired. */
  actorFor(token: string): Promise<Actor | null>
}

/** What a socket needs for it: to be closed, and to say when it closes. */
interface WatchedSocket {
  close(code?: number, reason?: string): void
  on(event: 'close', listener: () => void): unknown
}

/**
 * Keeps a live socket honest after its upgrade: its session is checked again every `everyMs`; when
 * it has ended (signed out, revoked from another device, idle, expired) the socket closes with 4401,
 * and when the user no longer holds what the socket serves (`allowed`), with 4403. The fresh actor
 * (its grants as they are now) is handed to `onActor`. A failed check (the database away) leaves
 * the socket as it is until the next one.
 */
export function watchSession(
  socket: WatchedSocket,
  req: FastifyRequest,
  recheck: SessionRecheck,
  opts: { allowed?: (actor: Actor) => boolean; onActor?: (actor: Actor) => void } = {},
): void {
  const token = req.cookies[SESSION_COOKIE]
  let checking = false
  let closed = false
  const check = async () => {
    if (checking || closed) return
    checking = true
    try {
      const actor = token ? await recheck.actorFor(token) : null
      if (closed) return
      if (!actor) socket.close(SOCKET_SIGNED_OUT, 'signed out')
      else if (opts.allowed && !opts.allowed(actor)) socket.close(SOCKET_FORBIDDEN, 'no longer allowed')
      else opts.onActor?.(actor)
    } catch (error) {
      req.log.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'live session check failed',
      )
    } finally {
      checking = false
    }
  }
  const timer = setInterval(() => void check(), recheck.everyMs)
  timer.unref()
  socket.on('close', () => {
    closed = true
    clearInterval(timer)
  })
}
