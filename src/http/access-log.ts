import { type FastifyReply, type FastifyRequest, LogController } from 'fastify'

/**
 * One line per answered request, instead of Fastify's two ("incoming request", "request completed"):
 * `info` for what went as asked or was refused (4xx), `error` for a 5xx or a failed answer. So
 * WANGGE_LOG_LEVEL=warn silences the access log and keeps every server error. The path only, never
 * the query string (searches hold names) nor headers. Fastify's other lines (stream errors, a 503
 * while closing) stay as they are.
 */
export class AccessLog extends LogController {
  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const line = {
      method: request.method,
      path: request.url.split('?')[0],
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    }
    if (error || reply.statusCode >= 500) request.log.error(line, 'request failed')
    else request.log.info(line, 'request')
  }
}
