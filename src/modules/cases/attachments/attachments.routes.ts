import { createReadStream } from 'node:fs'
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { requireActor } from '../../../http/request-context'
import { CaseIdParamsSchema } from '../cases.schema'
import {
  AttachmentBodySchema,
  AttachmentCreatedSchema,
  AttachmentListSchema,
  AttachmentParamsSchema,
} from './attachments.schema'
import type { CaseAttachments } from './attachments.service'
import { ATTACHMENT_TYPES, attachmentTooLarge, attachmentTypeOf, attachmentTypeProblem } from './media'

/** If-None-Match may list several tags, weak ones among them (RFC 9110 §13.1.2). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  return !!header?.split(',').some((tag) => ['*', etag].includes(tag.trim().replace(/^W\//, '')))
}

/**
 * Attachments of an event. Registered as a plugin of its own, so the raw body parser (with its own,
 * larger body limit) exists for these routes only.
 */
export async function caseAttachmentRoutes(app: FastifyInstance, opts: { attachments: CaseAttachments }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { attachments } = opts
  const tags = ['cases']
  app.addContentTypeParser(
    ATTACHMENT_TYPES,
    { parseAs: 'buffer', bodyLimit: attachments.limit },
    (_req, body, done) => done(null, body),
  )

  /** The body parser's refusals, named as the attachment problems rather than the generic request ones. */
  const uploadErrors = (error: FastifyError) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw attachmentTooLarge(attachments.limit)
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') throw attachmentTypeProblem()
    throw error
  }
  // The app's JSON and text parsers still run on this route: refuse their bodies before validation does.
  const requireFileType = async (req: FastifyRequest) => {
    if (!attachmentTypeOf(req.headers['content-type']) || !Buffer.isBuffer(req.body))
      throw attachmentTypeProblem()
  }

  r.post(
    '/api/cases/:id/attachments',
    {
      // Before the body is read: an anonymous upload is refused without taking it in.
      // Those who report events or read them; the service checks this event.
      config: { permission: ['case.report', 'case.read'] },
      preValidation: requireFileType,
      errorHandler: uploadErrors,
      schema: {
        tags,
        summary: 'Attach a photo (JPEG, PNG, WebP) or a PDF to an event; the photo’s GPS kept for staff only',
        consumes: ATTACHMENT_TYPES,
        params: CaseIdParamsSchema,
        body: AttachmentBodySchema,
        response: { 201: AttachmentCreatedSchema },
      },
    },
    async (req, reply) => {
      const type = attachmentTypeOf(req.headers['content-type'])
      if (!type) throw attachmentTypeProblem()
      const created = await attachments.upload(req.ctx, req.params.id, { type, bytes: req.body })
      return reply.code(201).send(created)
    },
  )

  r.get(
    '/api/cases/:id/attachments',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: 'The attachments of an event, oldest first (where a photo was taken: staff only)',
        params: CaseIdParamsSchema,
        response: { 200: AttachmentListSchema },
      },
    },
    (req) => attachments.list(req.ctx, req.params.id),
  )

  r.get(
    '/api/cases/:id/attachments/:aid',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: 'An attachment: as uploaded for staff; a photo re-encoded without metadata for the reporter',
        params: AttachmentParamsSchema,
      },
    },
    async (req, reply) => {
      const file = await attachments.original(req.ctx, req.params.id, req.params.aid)
      const etag = `"${file.sha256}"`
      reply
        .header('etag', etag)
        .header('cache-control', 'private, max-age=300')
        .header('x-content-type-options', 'nosniff')
        // Shown, never saved under a name the uploader chose.
        .header('content-disposition', 'inline')
      if (matchesEtag(req.headers['if-none-match'], etag)) return reply.code(304).send()
      return reply
        .type(file.contentType)
        .header('content-length', file.size)
        .send(createReadStream(file.file))
    },
  )
}
