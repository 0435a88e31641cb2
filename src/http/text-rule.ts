import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Problem } from '../lib/problem'
import { findBadText } from '../lib/text'
import { sendProblem } from './error-handler'

export const BAD_TEXT_TITLE = 'The request contains a NUL character or an unpaired UTF-16 surrogate'

/**
 * One rule for every route: path parameters, the query and any parsed body (JSON, forms) hold only
 * text a person can type. Checked after parsing and before validation, so no handler sees it and
 * nothing is written; the problem names the field, never the value.
 */
export function registerTextRule(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const bad =
      findBadText(request.params, 'params') ??
      findBadText(request.query, 'query') ??
      findBadText(request.body, 'body')
    if (!bad) return
    const message = bad.inKey
      ? 'A field name contains a NUL character or an unpaired surrogate'
      : 'Contains a NUL character or an unpaired surrogate'
    throw new Problem(400, 'request.invalid_text', BAD_TEXT_TITLE, {
      errors: [{ field: bad.field, message }],
    })
  })
}

/**
 * Fastify's answer to a URL that does not decode (`%zz`, or `%ED%A0%80`: a surrogate encoded as
 * UTF-8) comes before any route: make it problem+json like every other error, without the URL.
 */
export function frameworkErrorProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const problem =
    error.code === 'FST_ERR_BAD_URL'
      ? new Problem(400, 'request.invalid_url', 'The URL is not valid percent-encoded UTF-8')
      : new Problem(500, 'server.internal', 'Internal server error')
  return sendProblem(request, reply, problem)
}
