import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { locales } from 'zod'
import { type FieldError, Problem } from '../lib/problem'
import { safeError, sqlStateOf } from '../lib/safe-error'
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
  // A safety net only: the text rule and the schemas refuse these before any statement runs.
  '22021': [400, 'request.invalid_text', 'A text value is not valid in the database encoding'],
  '22P05': [400, 'request.invalid_text', 'A text value cannot be stored in the database encoding'],
  '22001': [400, 'request.value_too_long', 'A value is longer than its field allows'],
  '22003': [400, 'request.value_out_of_range', 'A number is out of the range its field allows'],
  '22007': [400, 'request.invalid_datetime', 'A date or time has the wrong format'],
  '22008': [400, 'request.invalid_datetime', 'A date or time is out of range'],
}

const SAMPLE_OF_TYPE: Record<string, unknown> = {
  number: 0,
  string: '',
  boolean: false,
  array: [],
  object: {},
  null: null,
  undefined: undefined,
  NaN: Number.NaN,
}
const zodEnglish = locales.en().localeError
const zodChinese = locales.zhCN().localeError

/** zod's own messages in Chinese when the client reads Chinese; our custom messages stay as written. */
function fieldMessage(v: { keyword: string; message?: string; params: object }, chinese: boolean): string {
  const message = v.message ?? 'invalid'
  if (!chinese) return message
  // biome-ignore lint/suspicious/noExplicitAny: the issue is rebuilt from the validation entry's parts
  const issue = { code: v.keyword, ...v.params, message } as any
  // Issues carry no input; for a wrong type, the English message names what was received.
  const received = /received (\w+)$/.exec(message)?.[1]
  if (v.keyword === 'invalid_type' && received) issue.input = SAMPLE_OF_TYPE[received]
  const asDefault = zodEnglish(issue)
  const english = typeof asDefault === 'string' ? asDefault : asDefault?.message
  if (english !== message) return message
  const zh = zodChinese(issue)
  return (typeof zh === 'string' ? zh : zh?.message) ?? message
}

function toProblem(error: FastifyError & { validationContext?: string }, chinese: boolean): Problem | null {
  if (error instanceof Problem) return error
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors: FieldError[] = error.validation.map((v) => ({
      field: [error.validationContext ?? 'request', ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: fieldMessage(v, chinese),
    }))
    return new Problem(400, 'request.invalid', 'The request is invalid', { errors })
  }
  const sqlState = sqlStateOf(error) ?? ''
  const known = (error.code && FASTIFY_CODES[error.code]) || PG_CODES[sqlState]
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
    const problem = toProblem(error, prefersChinese(request.headers['accept-language']))
    if (problem) return sendProblem(request, reply, problem)
    request.log.error({ err: safeError(error) }, 'unhandled error')
    return sendProblem(request, reply, new Problem(500, 'server.internal', 'Internal server error'))
  })
}
