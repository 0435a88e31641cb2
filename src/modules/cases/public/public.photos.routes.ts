import { createReadStream } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { AttachmentBodySchema, PhotoHeadersSchema } from '../attachments/attachments.schema'
import { acceptFiles, fileHeaders } from '../attachments/attachments.upload'
import { attachmentTypeProblem, PHOTO_ONLY, PHOTO_TYPES } from '../attachments/media'
import { limited } from './public.limits'
import { PublicPhotoParamsSchema, TrackingHeadersSchema, TrackingParamsSchema } from './public.schema'
import { type PublicCasesService, publicContext } from './public.service'

/**
 * The reporter's photos 随手拍照片, with the tracking token: sent one per request after the report,
 * and the photos of the tracking page served as copies encoded anew (no Exif, no position). A plugin
 * of its own, so the raw image parser and its body limit exist for these routes only.
 */
export async function publicPhotoRoutes(
  app: FastifyInstance,
  opts: {
    publicCases: PublicCasesService
    reporterBytes: number
    /** Requests per client IP per minute. */
    limits: { upload: number; read: number }
  },
) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { publicCases } = opts
  const tags = ['public']
  const files = acceptFiles(app, PHOTO_TYPES, opts.reporterBytes, () => attachmentTypeProblem(PHOTO_ONLY))

  r.post(
    '/api/public/cases/:no/photos',
    {
      config: limited(opts.limits.upload),
      preValidation: files.preValidation,
      errorHandler: files.errorHandler,
      schema: {
        tags,
        summary:
          'Add a photo (JPEG, PNG, WebP) to a reported case with its tracking token; ' +
          'where it was taken is kept for staff only',
        consumes: PHOTO_TYPES,
        params: TrackingParamsSchema,
        headers: TrackingHeadersSchema.extend(PhotoHeadersSchema.shape),
        body: AttachmentBodySchema,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (req, reply) => {
      const created = await publicCases.addPhoto(
        publicContext(req.ip, req.id),
        req.params.no,
        req.headers['x-tracking-token'],
        { type: files.typeOf(req), bytes: req.body, location: req.headers['x-photo-location'] ?? null },
      )
      return reply.code(201).send(created)
    },
  )

  r.get(
    '/api/public/cases/:no/photos/:id',
    {
      config: limited(opts.limits.read),
      schema: {
        tags,
        summary: 'A photo of the tracking page, with the tracking token: encoded anew, without metadata',
        params: PublicPhotoParamsSchema,
        headers: TrackingHeadersSchema,
      },
    },
    async (req, reply) => {
      const file = await publicCases.photo(req.params.no, req.headers['x-tracking-token'], req.params.id)
      if (fileHeaders(req, reply, file.sha256)) return reply.code(304).send()
      return reply
        .type(file.contentType)
        .header('content-length', file.size)
        .send(createReadStream(file.file))
    },
  )
}
