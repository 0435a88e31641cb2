import { createReadStream } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { requireActor } from '../../../http/request-context'
import { CaseIdParamsSchema } from '../cases.schema'
import {
  AttachmentBodySchema,
  AttachmentCreatedSchema,
  AttachmentListSchema,
  AttachmentParamsSchema,
  AttachmentQuerySchema,
  PhotoHeadersSchema,
} from './attachments.schema'
import type { CaseAttachments } from './attachments.service'
import { acceptFiles, fileHeaders } from './attachments.upload'
import { ATTACHMENT_TYPES } from './media'

/**
 * Attachments of an event. Registered as a plugin of its own, so the raw body parser (with its own,
 * larger body limit) exists for these routes only.
 */
export async function caseAttachmentRoutes(app: FastifyInstance, opts: { attachments: CaseAttachments }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { attachments } = opts
  const tags = ['cases']
  const files = acceptFiles(app, ATTACHMENT_TYPES, attachments.limit)

  r.post(
    '/api/cases/:id/attachments',
    {
      // Before the body is read: an anonymous upload is refused without taking it in.
      // Those who report events or read them; the service checks this event.
      config: { permission: ['case.report', 'case.read'] },
      preValidation: files.preValidation,
      errorHandler: files.errorHandler,
      schema: {
        tags,
        summary:
          'Attach a photo (JPEG, PNG, WebP) or a PDF to an event; the photo’s GPS kept for staff only, ' +
          'its copy without metadata shown to the reporter when staff ask',
        consumes: ATTACHMENT_TYPES,
        params: CaseIdParamsSchema,
        querystring: AttachmentQuerySchema,
        headers: PhotoHeadersSchema,
        body: AttachmentBodySchema,
        response: { 201: AttachmentCreatedSchema },
      },
    },
    async (req, reply) => {
      const created = await attachments.upload(req.ctx, req.params.id, {
        type: files.typeOf(req),
        bytes: req.body,
        location: req.headers['x-photo-location'] ?? null,
        showToReporter: req.query.showToReporter,
      })
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
      if (fileHeaders(req, reply, file.sha256)) return reply.code(304).send()
      return reply
        .type(file.contentType)
        .header('content-length', file.size)
        .send(createReadStream(file.file))
    },
  )
}
