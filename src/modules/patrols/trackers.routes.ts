import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/request-context'
import {
  IngestResultSchema,
  TrackerBindingSchema,
  TrackerCodeParams,
  TrackerCreateSchema,
  TrackerParams,
  TrackerSchema,
  TrackPointsSchema,
} from './trackers.schema'
import type { TrackersService } from './trackers.service'

/** 500 points of about 120 bytes each, with room for whitespace; anything larger is refused unread. */
export const POINTS_BODY_LIMIT = 256 * 1024

export async function trackersRoutes(app: FastifyInstance, opts: { trackers: TrackersService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { trackers } = opts
  const tags = ['trackers']
  r.addHook('preHandler', requireActor)

  r.post(
    '/api/trackers',
    {
      config: { permission: 'patrol.configure' },
      schema: {
        tags,
        summary: 'Register a tracker 定位终端 (unbound: in the pool)',
        body: TrackerCreateSchema,
        response: { 201: TrackerSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await trackers.create(req.ctx, req.body)),
  )

  r.get(
    '/api/trackers',
    {
      config: { permission: 'patrol.configure' },
      schema: {
        tags,
        summary: "Trackers in the pool and those of workers in the reader's grids, with their last point",
        response: { 200: z.array(TrackerSchema) },
      },
    },
    (req) => trackers.list(req.ctx),
  )

  r.put(
    '/api/trackers/:id/binding',
    {
      config: { permission: 'patrol.configure' },
      schema: {
        tags,
        summary: 'Bind the tracker to a worker, or unbind it (null); its running patrol ends',
        params: TrackerParams,
        body: TrackerBindingSchema,
        response: { 200: TrackerSchema },
      },
    },
    (req) => trackers.bind(req.ctx, req.params.id, req.body),
  )

  r.post(
    '/api/trackers/:id/retire',
    {
      config: { permission: 'patrol.configure' },
      schema: {
        tags,
        summary: 'Retire the tracker for good (its points are refused from then on)',
        params: TrackerParams,
        response: { 200: TrackerSchema },
      },
    },
    (req) => trackers.retire(req.ctx, req.params.id),
  )

  r.post(
    '/api/trackers/:code/points',
    {
      // The key's permission and the caller's kind are checked before the body is read.
      config: { permission: 'patrol.record' },
      onRequest: async (req) => trackers.admitDevice(req.ctx),
      bodyLimit: POINTS_BODY_LIMIT,
      schema: {
        tags,
        summary: "A tracker's points, by an API key holding patrol.record: they join its worker's patrol",
        security: [{ bearer: [] }],
        params: TrackerCodeParams,
        body: TrackPointsSchema,
        response: { 200: IngestResultSchema },
      },
    },
    (req) => trackers.ingest(req.ctx, req.params.code, req.body),
  )
}
