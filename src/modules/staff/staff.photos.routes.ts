import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/request-context'
import { notFound } from '../../lib/problem'
import { PHOTO_MAX_BYTES, PHOTO_TYPES, photoTooLarge, photoTypeOf, photoTypeProblem } from './staff.photos'
import type { StaffPhotos } from './staff.photos.service'
import { PostParamsSchema } from './staff.schema'

const PhotoParams = z.object({ code: z.string().regex(/^\d+$/), postId: z.uuid() })
const PhotoBody = z.instanceof(Buffer).meta({ type: 'string', format: 'binary' })

/** The body parser's refusals, named as the photo problems rather than the generic request ones. */
function photoErrors(error: FastifyError) {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw photoTooLarge()
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') throw photoTypeProblem()
  throw error
}

// The app's JSON and text parsers still run on this route: refuse their bodies before validation does.
async function requirePhotoType(req: FastifyRequest, _reply: FastifyReply) {
  if (!photoTypeOf(req.headers['content-type']) || !Buffer.isBuffer(req.body)) throw photoTypeProblem()
}

/** If-None-Match may list several tags, weak ones among them (RFC 9110 §13.1.2). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  return !!header?.split(',').some((tag) => ['*', etag].includes(tag.trim().replace(/^W\//, '')))
}

/**
 * Staff photos: set and removed by those who manage the grid, served to anyone for the notice board.
 * Registered inside the staff plugin, so the image body parser exists for these routes only.
 */
export async function staffPhotoRoutes(app: FastifyInstance, opts: { photos: StaffPhotos }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { photos } = opts
  const tags = ['staff']
  app.addContentTypeParser(
    PHOTO_TYPES,
    { parseAs: 'buffer', bodyLimit: PHOTO_MAX_BYTES },
    (_req, body, done) => done(null, body),
  )

  r.put(
    '/api/grids/:code/posts/:id/photo',
    {
      // Before the body is read; the service checks the grid's scope.
      config: { permission: 'grid.manage' },
      preValidation: requirePhotoType,
      errorHandler: photoErrors,
      schema: {
        tags,
        summary:
          "Set a post's photo for the notice board (JPEG, PNG or WebP, at most 256 KiB; stored re-encoded as a JPEG)",
        consumes: PHOTO_TYPES,
        params: PostParamsSchema,
        body: PhotoBody,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const type = photoTypeOf(req.headers['content-type'])
      if (!type) throw photoTypeProblem()
      await photos.set(req.ctx, req.params.code, req.params.id, { type, bytes: req.body })
      return reply.code(204).send(null)
    },
  )

  r.delete(
    '/api/grids/:code/posts/:id/photo',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: "Remove a post's photo",
        params: PostParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await photos.remove(req.ctx, req.params.code, req.params.id)
      return reply.code(204).send(null)
    },
  )

  r.get(
    '/notice/:code/photos/:postId',
    {
      schema: {
        tags,
        summary: "A current post's photo on the public notice board (no login)",
        params: PhotoParams,
      },
    },
    async (req, reply) => {
      const photo = await photos.published(req.params.code, req.params.postId)
      if (!photo) throw notFound('staff.photo_not_found', 'No photo of a current post here')
      const etag = `"${photo.sha256}"`
      reply
        .header('etag', etag)
        .header('cache-control', 'public, max-age=300')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', 'inline')
      if (matchesEtag(req.headers['if-none-match'], etag)) return reply.code(304).send()
      return reply.type(photo.contentType).send(photo.bytes)
    },
  )
}
