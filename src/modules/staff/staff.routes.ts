import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/request-context'
import { renderNotice } from './staff.notice'
import { staffPhotoRoutes } from './staff.photos.routes'
import {
  PostCreateBodySchema,
  PostParamsSchema,
  PostViewSchema,
  UnderstaffedQuerySchema,
  UnderstaffedSchema,
} from './staff.schema'
import type { StaffService } from './staff.service'

const CodeParams = z.object({ code: z.string().regex(/^\d+$/, 'digits only') })

export async function staffRoutes(app: FastifyInstance, opts: { staff: StaffService; hotline: string }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { staff } = opts
  const tags = ['staff']
  await app.register(staffPhotoRoutes, { photos: staff.photos })

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
        summary: "A grid's current staff posts",
        params: CodeParams,
        response: { 200: z.array(PostViewSchema) },
      },
    },
    (req) => staff.list(req.ctx, req.params.code),
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

  r.get(
    '/notice/:code',
    { schema: { tags, summary: "A grid's public notice board (HTML, no login)", params: CodeParams } },
    async (req, reply) => {
      const notice = await staff.notice(req.params.code)
      if (!notice)
        return reply
          .code(404)
          .type('text/html')
          .send('<!doctype html><meta charset="utf-8"><p>没有这个网格 / No such grid</p>')
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(renderNotice(notice, opts.hotline))
    },
  )
}
