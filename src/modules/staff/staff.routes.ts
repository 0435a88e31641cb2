import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/request-context'
import { noticeRoutes } from './staff.notice.routes'
import { staffPhotoRoutes } from './staff.photos.routes'
import {
  PostCreateBodySchema,
  PostListQuerySchema,
  PostParamsSchema,
  PostUpdateBodySchema,
  PostViewSchema,
  StaffingSchema,
  UnderstaffedQuerySchema,
  UnderstaffedSchema,
} from './staff.schema'
import type { StaffService } from './staff.service'

const CodeParams = z.object({ code: z.string().regex(/^\d+$/, 'digits only') })

export async function staffRoutes(
  app: FastifyInstance,
  opts: { staff: StaffService; hotline: string; publicUrl?: string },
) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { staff } = opts
  const tags = ['staff']
  await app.register(staffPhotoRoutes, { photos: staff.photos })
  await app.register(noticeRoutes, opts)

  r.get(
    '/api/grids/understaffed',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: 'Grids with fewer workers than the staffing rule asks',
        querystring: UnderstaffedQuerySchema,
        response: { 200: UnderstaffedSchema },
      },
    },
    (req) => staff.understaffed(req.ctx, req.query.level),
  )

  r.get(
    '/api/grids/:code/posts',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: "A grid's current staff posts, work phones masked; ?unmask=true&reason=… in clear (audited)",
        params: CodeParams,
        querystring: PostListQuerySchema,
        response: { 200: z.array(PostViewSchema) },
      },
    },
    (req) => staff.list(req.ctx, req.params.code, req.query),
  )

  r.get(
    '/api/grids/:code/staffing',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: "A grid's posts with what the reader may do: end them, change photos, fill which posts",
        params: CodeParams,
        querystring: PostListQuerySchema,
        response: { 200: StaffingSchema },
      },
    },
    (req) => staff.staffing(req.ctx, req.params.code, req.query),
  )

  r.post(
    '/api/grids/:code/posts',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: 'Appoint someone to a post in a grid',
        params: CodeParams,
        body: PostCreateBodySchema,
        response: { 201: PostViewSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await staff.appoint(req.ctx, req.params.code, req.body)),
  )

  r.patch(
    '/api/grids/:code/posts/:id',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: "Change a current post's work phone or duties (null clears one)",
        params: PostParamsSchema,
        body: PostUpdateBodySchema,
        response: { 200: PostViewSchema },
      },
    },
    (req) => staff.update(req.ctx, req.params.code, req.params.id, req.body),
  )

  r.delete(
    '/api/grids/:code/posts/:id',
    {
      preHandler: requireActor,
      schema: { tags, summary: 'End a post today', params: PostParamsSchema, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await staff.end(req.ctx, req.params.code, req.params.id)
      return reply.code(204).send(null)
    },
  )
}
