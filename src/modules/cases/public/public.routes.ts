import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { requireActor } from '../../../http/request-context'
import type { DataCipher } from '../../../lib/crypto'
import type { ServiceDeps } from '../../../lib/service'
import type { CaseAttachments } from '../attachments/attachments.service'
import { CaseIdParamsSchema } from '../cases.schema'
import type { CasesService } from '../cases.service'
import { limited, PUBLIC_LIMITS } from './public.limits'
import { publicPhotoRoutes } from './public.photos.routes'
import {
  PublicationSchema,
  PublicCaseSchema,
  PublicCategoriesSchema,
  PublicRatingBodySchema,
  PublicReportBodySchema,
  PublicReportCreatedSchema,
  ReporterContactQuerySchema,
  ReporterContactSchema,
  TrackingHeadersSchema,
  TrackingParamsSchema,
} from './public.schema'
import { createPublicCasesService, publicContext } from './public.service'
import { createReporterService } from './reporter.service'

/**
 * The public channel 居民随手拍: report without an account, follow the case with the private tracking
 * token, rate the result; and, for staff, the reporter's contact (masked unless unmasking is allowed).
 */
export async function publicCasesRoutes(
  app: FastifyInstance,
  opts: {
    deps: ServiceDeps
    cases: CasesService
    cipher: DataCipher
    attachments: CaseAttachments
    limits?: Partial<typeof PUBLIC_LIMITS>
  },
) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const publicCases = createPublicCasesService(opts.deps, opts.cases, opts.cipher, opts.attachments)
  const reporter = createReporterService(opts.deps, opts.cases, opts.cipher)
  const limits = { ...PUBLIC_LIMITS, ...opts.limits }
  const tags = ['public']
  await app.register(publicPhotoRoutes, {
    publicCases,
    reporterBytes: opts.attachments.reporterBytes,
    limits: { upload: limits.photo, read: limits.track },
  })

  r.get(
    '/api/public/categories',
    {
      schema: {
        tags,
        summary: 'The categories a resident may report under, big classes with their small classes',
        response: { 200: PublicCategoriesSchema },
      },
    },
    () => publicCases.categories(),
  )

  r.post(
    '/api/public/cases',
    {
      config: limited(limits.report),
      schema: {
        tags,
        summary: 'Report a problem without an account; answers the private tracking link once',
        body: PublicReportBodySchema,
        response: { 201: PublicReportCreatedSchema },
      },
    },
    async (req, reply) => {
      const created = await publicCases.report(publicContext(req.ip, req.id), req.body)
      return reply.code(201).send(created)
    },
  )

  r.get(
    '/api/public/cases/:no',
    {
      config: limited(limits.track),
      schema: {
        tags,
        summary: 'Follow a reported case with its tracking token (X-Tracking-Token)',
        params: TrackingParamsSchema,
        headers: TrackingHeadersSchema,
        response: { 200: PublicCaseSchema },
      },
    },
    (req) => publicCases.track(req.params.no, req.headers['x-tracking-token']),
  )

  r.post(
    '/api/public/cases/:no/rating',
    {
      config: limited(limits.rate),
      schema: {
        tags,
        summary: 'Rate the result of a closed case (1–2 reopens it), with the tracking token',
        params: TrackingParamsSchema,
        headers: TrackingHeadersSchema,
        body: PublicRatingBodySchema,
        response: { 200: PublicCaseSchema },
      },
    },
    (req) =>
      publicCases.rate(
        publicContext(req.ip, req.id),
        req.params.no,
        req.headers['x-tracking-token'],
        req.body,
      ),
  )

  r.get(
    '/api/cases/:id/reporter',
    {
      preHandler: requireActor,
      schema: {
        tags: ['cases'],
        summary:
          'The reporter’s contact, masked; ?unmask=true&reason=… in clear (accept or supervise, audited with the reason)',
        params: CaseIdParamsSchema,
        querystring: ReporterContactQuerySchema,
        response: { 200: ReporterContactSchema },
      },
    },
    (req) => reporter.reporterContact(req.ctx, req.params.id, req.query),
  )

  r.put(
    '/api/cases/:id/publication',
    {
      preHandler: requireActor,
      schema: {
        tags: ['cases'],
        summary:
          'Record whether the reporter agreed to the case being listed publicly (accept or supervise, audited)',
        params: CaseIdParamsSchema,
        body: PublicationSchema,
        response: { 200: PublicationSchema },
      },
    },
    (req) => reporter.setPublication(req.ctx, req.params.id, req.body.publish),
  )
}
