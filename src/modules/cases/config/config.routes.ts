import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../../http/request-context'
import {
  CalendarDateParamsSchema,
  CalendarDayBodySchema,
  CalendarDaySchema,
  CalendarQuerySchema,
  CalendarSchema,
  CategoryCodeParamsSchema,
  CategoryConfigSchema,
  CategoryCreateBodySchema,
  CategoryPatchBodySchema,
  RouteCreateBodySchema,
  RouteIdParamsSchema,
  RouteSchema,
} from './config.schema'
import type { CaseConfigService } from './config.service'

/** Categories, routing table and working calendar: configuration of the event loop. */
export async function caseConfigRoutes(app: FastifyInstance, opts: { config: CaseConfigService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { config } = opts
  const tags = ['case-config']
  r.addHook('preHandler', requireActor)

  r.get(
    '/api/case-categories/:code',
    {
      schema: {
        tags,
        summary: 'One category as configured, with its shipped version (case.configure)',
        params: CategoryCodeParamsSchema,
        response: { 200: CategoryConfigSchema },
      },
    },
    (req) => config.category(req.ctx, req.params.code),
  )

  r.patch(
    '/api/case-categories/:code',
    {
      schema: {
        tags,
        summary: "Edit a class's names, active flag and filing standard; start-up sync then leaves it alone",
        params: CategoryCodeParamsSchema,
        body: CategoryPatchBodySchema,
        response: { 200: CategoryConfigSchema },
      },
    },
    (req) => config.updateCategory(req.ctx, req.params.code, req.body),
  )

  r.post(
    '/api/case-categories',
    {
      schema: {
        tags,
        summary: 'Add a local extension class (big classes 90–99, small classes xx900–xx999)',
        body: CategoryCreateBodySchema,
        response: { 201: CategoryConfigSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await config.createCategory(req.ctx, req.body)),
  )

  r.post(
    '/api/case-categories/:code/reset',
    {
      schema: {
        tags,
        summary: 'Restore the shipped version of a class',
        params: CategoryCodeParamsSchema,
        response: { 200: CategoryConfigSchema },
      },
    },
    (req) => config.resetCategory(req.ctx, req.params.code),
  )

  r.get(
    '/api/case-routes',
    {
      schema: {
        tags,
        summary: 'Routing rules the reader may change: grid subtree × category → department or level',
        response: { 200: z.array(RouteSchema) },
      },
    },
    (req) => config.routes(req.ctx),
  )

  r.post(
    '/api/case-routes',
    {
      schema: {
        tags,
        summary: 'Add a routing rule (case.configure or grid.manage over the grid)',
        body: RouteCreateBodySchema,
        response: { 201: RouteSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await config.createRoute(req.ctx, req.body)),
  )

  r.delete(
    '/api/case-routes/:id',
    {
      schema: {
        tags,
        summary: 'Delete a routing rule',
        params: RouteIdParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await config.deleteRoute(req.ctx, req.params.id)
      return reply.code(204).send(null)
    },
  )

  r.get(
    '/api/calendar',
    {
      schema: {
        tags,
        summary: 'The working calendar of a year: days in force with their source, shifts',
        querystring: CalendarQuerySchema,
        response: { 200: CalendarSchema },
      },
    },
    (req) => config.calendar(req.ctx, req.query.year),
  )

  r.put(
    '/api/calendar/days/:date',
    {
      schema: {
        tags,
        summary: 'Set a holiday or make-up working day (over the shipped and file days)',
        params: CalendarDateParamsSchema,
        body: CalendarDayBodySchema,
        response: { 200: CalendarDaySchema },
      },
    },
    (req) => config.setDay(req.ctx, req.params.date, req.body),
  )

  r.delete(
    '/api/calendar/days/:date',
    {
      schema: {
        tags,
        summary: 'Clear a day set through the API',
        params: CalendarDateParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await config.clearDay(req.ctx, req.params.date)
      return reply.code(204).send(null)
    },
  )
}
