import { createReadStream } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { PhotoHeadersSchema } from '../cases/attachments/attachments.schema'
import { acceptFiles, fileHeaders } from '../cases/attachments/attachments.upload'
import { PHOTO_TYPES } from '../cases/attachments/media'
import type { PhotosService } from './photos.service'

const Params = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex') })
const Body = z.instanceof(Buffer).meta({ type: 'string', format: 'binary' })

/**
 * Field photos by content hash. A plugin of its own, so the raw image parser and its larger body limit
 * exist for these routes only.
 */
export async function photosRoutes(app: FastifyInstance, opts: { photos: PhotosService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { photos } = opts
  const tags = ['field']
  const files = acceptFiles(app, PHOTO_TYPES, photos.limit)

  r.put(
    '/api/photos/:sha256',
    {
      // Before the body is read: only staff who read the ledgers send field photos.
      config: { permission: 'ledger.read' },
      preValidation: files.preValidation,
      errorHandler: files.errorHandler,
      schema: {
        tags,
        summary:
          'Store a field photo (JPEG, PNG, WebP) under the SHA-256 of its bytes; sent again, it is stored once',
        consumes: PHOTO_TYPES,
        params: Params,
        // Where the phone was when the photo was taken: a photo shrunk on the phone has lost its Exif.
        headers: PhotoHeadersSchema,
        body: Body,
        response: { 200: z.object({ sha256: z.string() }), 201: z.object({ sha256: z.string() }) },
      },
    },
    async (req, reply) => {
      const { sha256, created } = await photos.upload(
        req.ctx,
        req.params.sha256,
        files.typeOf(req),
        req.body,
        req.headers['x-photo-location'] ?? null,
      )
      return reply.code(created ? 201 : 200).send({ sha256 })
    },
  )

  r.get(
    '/api/photos/:sha256',
    {
      config: { permission: 'ledger.read' },
      schema: {
        tags,
        summary: 'A field photo as taken (its uploader, and readers of the grids it was taken for)',
        params: Params,
      },
    },
    async (req, reply) => {
      const file = await photos.original(req.ctx, req.params.sha256)
      if (fileHeaders(req, reply, file.sha256)) return reply.code(304).send()
      if (file.position) reply.header('x-photo-position', `${file.position.lng},${file.position.lat}`)
      return reply
        .type(file.contentType)
        .header('content-length', file.size)
        .send(createReadStream(file.file))
    },
  )
}
