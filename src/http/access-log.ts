import type { FastifyInstance } from 'fastify'

/**
 * One line per answered request, instead of Fastify's two ("incoming request", "request completed"):
 * `info` for what went as asked or was refused (4xx), `error` for a 5xx. So WANGGE_LOG_LEVEL=warn
 * silences the access log and keeps every server error. The path only, never the query string
 * (searches hold names) nor headers.
 */
export function registerAccessLog(app: FastifyInstance) {
  app.addHook('onResponse', async (request, reply) => {
    const line = {
      method: request.method,
      path: request.url.split('?')[0],
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    }
    if (reply.statusCode >= 500) request.log.error(line, 'request failed')
    else request.log.info(line, 'request')
  })
}
