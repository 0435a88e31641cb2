import type { FastifyInstance } from 'fastify'

/**
 * Closes the HTTP server: no new connections, requests in flight get `graceMs` to finish, then
 * every connection still open (a keep-alive connection would otherwise hold the close for its
 * 72 s timeout, a stalled upload for ever) is cut.
 */
export async function closeHttp(app: FastifyInstance, graceMs: number): Promise<void> {
  const cut = setTimeout(() => app.server.closeAllConnections(), graceMs)
  try {
    await app.close()
  } finally {
    clearTimeout(cut)
  }
}

/** How long a live socket has to answer the server's close before it is cut. */
const SOCKET_CLOSE_MS = 500

/**
 * @fastify/websocket's `preClose`: each live socket is told the server is going away (1001, the
 * browser reconnects later) and cut if it has not answered within half a second, where the default
 * waits 30 s for a client that never answers (a phone gone out of coverage).
 */
export function closeLiveSockets(this: FastifyInstance, done: () => void) {
  const server = this.websocketServer
  for (const socket of server.clients) socket.close(1001, 'server stopping')
  setTimeout(() => {
    for (const socket of server.clients) socket.terminate()
  }, SOCKET_CLOSE_MS).unref()
  server.close()
  done()
}
