import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { type FieldError, Problem } from '../lib/problem'
import { prefersChinese, ZH_TITLES } from './problem-titles'

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem) {
  const title =
    (prefersChinese(request.headers['accept-language']) && ZH_TITLES[problem.code]) || problem.title
  return reply
    .code(problem.status)
    .headers(problem.headers)
    .type('application/problem+json')
    .send({
      type: `https://wangge.dev/problems/${problem.code}`,
      title,
      status: problem.status,
      code: problem.code,
      ...(title !== problem.title ? { detail: problem.title } : {}),
      ...problem.extra,
      instance: request.url.split('?')[0],
      requestId: request.id,
    })
}

const FASTIFY_CODES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'request.too_large', 'The request body is too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'request.unsupported_media_type', 'Send JSON (application/json)'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'request.malformed_json', 'The request body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [
    400,
    'request.malformed_json',
    'The request body is empty but declared as JSON',
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'request.invalid', 'Content-Length does not match the body'],
}

// PostgreSQL errors a request can cause (the rest are the server's fault).
const PG_CODES: Record<string, [number, string, string]> = {
  '23505': [409, 'resource.conflict', 'A record with the same key already exists'],
  '23503': [409, 'resource.conflict', 'The record refers to, or is referred to by, another record'],
  '22P02': [400, 'request.invalid', 'A value has the wrong format'],
}

function toProblem(error: FastifyError & { validationContext?: string }): Problem | null {
  if (error instanceof Problem) return error
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors: FieldError[] = error.validation.map((v) => ({
      field: [error.validationContext ?? 'request', ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'invalid',
    }))
    return new Problem(400, 'request.invalid', 'The request is invalid', { errors })
  }
  const known = (error.code && FASTIFY_CODES[error.code]) || PG_CODES[(error as { code?: string }).code ?? '']
  if (known) return new Problem(known[0], known[1], known[2])
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return new Problem(400, 'request.malformed_json', 'The request body is not valid JSON')
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new Problem(error.statusCode, 'request.invalid', error.message)
  }
  return null
}

/** Every error leaves as problem+json; a 500 says nothing of the inside. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error)
    if (problem) return sendProblem(request, reply, problem)
    request.log.error({ err: error }, 'unhandled error')
    return sendProblem(request, reply, new Problem(500, 'server.internal', 'Internal server error'))
  })
}
