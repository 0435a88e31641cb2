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

const FRAMEWORK_PROBLEMS: Record<string, () => Problem> = {
  FST_ERR_BAD_URL: () =>
    new Problem(400, 'request.invalid_url', 'The URL is not valid percent-encoded UTF-8'),
  FST_ERR_MAX_PARAM_LENGTH: () =>
    new Problem(414, 'request.param_too_long', 'A path segment is longer than any identifier'),
}

/**
 * Fastify's answers to a URL it cannot route (`%zz`, `%ED%A0%80`: a surrogate encoded as UTF-8, or a
 * path segment over 100 characters) come before any route: make them problem+json like every other
 * error, without the URL.
 */
export function frameworkErrorProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const known = error.code ? FRAMEWORK_PROBLEMS[error.code] : undefined
  return sendProblem(
    request,
    reply,
    known?.() ?? new Problem(500, 'server.internal', 'Internal server error'),
  )
}
