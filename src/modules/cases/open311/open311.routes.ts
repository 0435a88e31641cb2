import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { DataCipher } from '../../../lib/crypto'
import { Problem } from '../../../lib/problem'
import { safeError } from '../../../lib/safe-error'
import type { ServiceDeps } from '../../../lib/service'
import type { SessionService } from '../../auth/session.service'
import type { CasesService } from '../cases.service'
import { Open311Error, tooMany311 } from './open311.errors'
import {
  DiscoverySchema,
  FORMATS,
  type Format,
  FormatParamsSchema,
  JurisdictionQuerySchema,
  Open311ErrorsSchema,
  PostedSchema,
  PostRequestBodySchema,
  RequestParamsSchema,
  RequestsQuerySchema,
  ServiceDefinitionSchema,
  ServiceParamsSchema,
  ServiceRequestSchema,
  ServiceSchema,
  TokenAnswerSchema,
  TokenParamsSchema,
} from './open311.schema'
import { createOpen311Service, type Open311Service } from './open311.service'
import { toXml, type XmlValue } from './open311.xml'

export const OPEN311_BASE = '/open311/v2'

export interface Open311Options {
  deps: ServiceDeps
  cases: CasesService
  sessions: SessionService
  /** Encrypts a requester's contact into the case, as the public report page does. */
  cipher: DataCipher
  clock?: () => Date
  hotline: string
  /** Request lists one client address may ask for per minute (the list is public and costly). */
  listRateLimit: number
  /** Published points are moved to the centre of a grid cell this wide (metres); 100 when unset. */
  coordPrecisionM?: number
}

/** Open311 GeoReport v2 at /open311/v2/: its own body parser, errors and 404s, in its own scope. */
export async function open311Routes(app: FastifyInstance, opts: Open311Options) {
  const open311 = createOpen311Service(opts.deps, opts.cases, opts.sessions, opts.cipher, {
    clock: opts.clock ?? (() => new Date()),
    hotline: opts.hotline,
    coordPrecisionM: opts.coordPrecisionM ?? 100,
  })
  await app.register(georeportRoutes, { prefix: OPEN311_BASE, open311, listRateLimit: opts.listRateLimit })
}

/** The format a request asked for by its extension; XML (the standard's mandatory one) otherwise. */
function formatOf(request: FastifyRequest): Format {
  const asked = (request.params as { format?: string } | undefined)?.format
  if (FORMATS.includes(asked as Format)) return asked as Format
  return /\.json$/.test(request.url.split('?')[0] ?? '') ? 'json' : 'xml'
}

/** Sends `data` in the format asked: JSON through the route's response schema, or XML under `root`. */
function answer(reply: FastifyReply, format: Format, root: string, data: XmlValue, status = 200): void {
  reply.code(status)
  if (format === 'xml') reply.type('text/xml; charset=utf-8').send(toXml(root, data))
  else reply.type('application/json; charset=utf-8').send(data)
}

/** Whatever went wrong, as the standard's errors: 400, 403 or 404 (and 500 for our own faults). */
function toOpen311Error(error: FastifyError & { validationContext?: string }): Open311Error | null {
  if (error instanceof Open311Error) return error
  if (error instanceof Problem) {
    if (error.status === 401 || error.status === 403) return new Open311Error(403, error.title)
    if (error.status === 404) return new Open311Error(404, error.title)
    if (error.status < 500) return new Open311Error(400, error.title)
    return null
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const badFormat = error.validation.some(
      (v) => error.validationContext === 'params' && v.instancePath === '/format',
    )
    if (badFormat) return new Open311Error(404, 'No such format: ask for .json or .xml')
    return new Open311Error(
      400,
      error.validation.map((v) => `${v.instancePath.split('/').filter(Boolean).join('.')}: ${v.message}`),
    )
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return new Open311Error(400, error.message)
  return null
}

/** A form body; a name given twice keeps its first value. */
function parseForm(body: string): Record<string, string> {
  const fields = new Map<string, string>()
  for (const [name, value] of new URLSearchParams(body)) if (!fields.has(name)) fields.set(name, value)
  return Object.fromEntries(fields)
}

const errorResponses = { 400: Open311ErrorsSchema, 403: Open311ErrorsSchema, 404: Open311ErrorsSchema }

async function georeportRoutes(
  app: FastifyInstance,
  { open311, listRateLimit }: { open311: Open311Service; listRateLimit: number },
) {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, parseForm(String(body))),
  )
  // Never problem+json here: GeoReport clients read the standard's errors.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = toOpen311Error(error)
    if (!known) request.log.error({ err: safeError(error) }, 'unhandled error')
    const e = known ?? new Open311Error(500, 'Internal server error')
    return answer(reply, formatOf(request), 'errors', e.errors, e.status)
  })
  app.setNotFoundHandler((request, reply) =>
    answer(
      reply,
      formatOf(request),
      'errors',
      new Open311Error(404, `No resource ${request.method} ${request.url.split('?')[0]}`).errors,
      404,
    ),
  )

  const r = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['open311']
  const produces = ['application/json', 'text/xml']

  r.get(
    '/discovery.:format',
    {
      schema: {
        tags,
        produces,
        summary: 'GeoReport v2 service discovery: this endpoint, its formats and where keys come from',
        params: FormatParamsSchema,
        response: { 200: DiscoverySchema },
      },
    },
    (req, reply) =>
      answer(
        reply,
        req.params.format,
        'discovery',
        open311.discovery(`${req.protocol}://${req.host}${OPEN311_BASE}`),
      ),
  )

  r.get(
    '/services.:format',
    {
      schema: {
        tags,
        produces,
        summary: 'GeoReport v2 services: the active small classes 小类 the public may report under',
        params: FormatParamsSchema,
        querystring: JurisdictionQuerySchema,
        response: { 200: ServiceSchema.array(), ...errorResponses },
      },
    },
    async (req, reply) => answer(reply, req.params.format, 'services', await open311.services()),
  )

  r.get(
    '/services/:service_code.:format',
    {
      schema: {
        tags,
        produces,
        summary: 'GeoReport v2 service definition: the attributes a category asks for',
        params: ServiceParamsSchema,
        querystring: JurisdictionQuerySchema,
        response: { 200: ServiceDefinitionSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      answer(reply, req.params.format, 'service_definition', await open311.service(req.params.service_code)),
  )

  r.post(
    '/requests.:format',
    {
      schema: {
        tags,
        produces,
        consumes: ['application/x-www-form-urlencoded'],
        summary:
          'GeoReport v2 request: a new event (source integration) by an API key (api_key); lat and long required. Parameters may also come in the query string',
        params: FormatParamsSchema,
        body: PostRequestBodySchema,
        response: { 200: PostedSchema, ...errorResponses },
      },
      // Parameters may all come in the query string, with no body at all.
      preValidation: async (req) => {
        req.body ??= {}
      },
    },
    async (req, reply) => {
      const params = { ...(req.query as Record<string, unknown>), ...req.body }
      const key = req.headers['idempotency-key']
      const posted = await open311.submit(req.ctx, params, typeof key === 'string' ? key : undefined)
      return answer(reply, req.params.format, 'service_requests', posted)
    },
  )

  r.get(
    '/tokens/:token.:format',
    {
      schema: {
        tags,
        produces,
        summary: 'GeoReport v2 token: requests are numbered at once, so a token is the request’s number',
        params: TokenParamsSchema,
        querystring: JurisdictionQuerySchema,
        response: { 200: TokenAnswerSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      answer(reply, req.params.format, 'service_requests', await open311.token(req.params.token)),
  )

  r.get(
    '/requests.:format',
    {
      schema: {
        tags,
        produces,
        summary:
          'GeoReport v2 requests: the public part of events, newest first; the last 90 days and at most 1,000 by default',
        params: FormatParamsSchema,
        querystring: RequestsQuerySchema,
        response: { 200: ServiceRequestSchema.array(), ...errorResponses, 429: Open311ErrorsSchema },
      },
      // Per client address (as Fastify's trustProxy sees it), per process.
      config: {
        rateLimit: {
          max: listRateLimit,
          timeWindow: '1 minute',
          errorResponseBuilder: (_req, ctx) =>
            tooMany311(
              `Too many request lists from this address (at most ${ctx.max} a minute): retry in ${Math.ceil(ctx.ttl / 1000)} seconds`,
            ),
        },
      },
    },
    async (req, reply) =>
      answer(reply, req.params.format, 'service_requests', await open311.requests(req.query)),
  )

  const one = {
    schema: {
      tags,
      produces,
      summary: 'GeoReport v2 request: one event’s public part, as a one-element list',
      params: RequestParamsSchema,
      querystring: RequestsQuerySchema.pick({ jurisdiction_id: true, extensions: true }),
      response: { 200: ServiceRequestSchema.array(), ...errorResponses },
    },
  }
  const oneRequest = async (
    req: FastifyRequest<{ Params: { id: string; format: Format }; Querystring: { extensions?: string } }>,
    reply: FastifyReply,
  ) =>
    answer(
      reply,
      req.params.format,
      'service_requests',
      await open311.request(req.params.id, req.query.extensions),
    )
  r.get('/requests/:id.:format', one, oneRequest)
  // The v2.1 draft spells it /request/{id}.
  r.get('/request/:id.:format', { ...one, schema: { ...one.schema, hide: true } }, oneRequest)
}
