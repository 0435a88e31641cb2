import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { requireActor } from '../../http/request-context'
import type { ComplianceService } from './patrols.compliance.service'
import {
  ChecklistBodySchema,
  ChecklistParamsSchema,
  CheckpointCreateBodySchema,
  CheckpointListSchema,
  CheckpointParamsSchema,
  CheckpointQuerySchema,
  CheckpointUpdateBodySchema,
  CheckpointViewSchema,
  ComplianceDaySchema,
  ComplianceQuerySchema,
  ComplianceSchema,
  PatrolDetailSchema,
  PatrolEndBodySchema,
  PatrolListQuerySchema,
  PatrolListSchema,
  PatrolParamsSchema,
  PatrolStartBodySchema,
  PatrolViewSchema,
  PointsBodySchema,
  PointsStoredSchema,
  PositionsQuerySchema,
  PositionsSchema,
  RulesBodySchema,
  RulesListSchema,
  RulesParamsSchema,
  RulesViewSchema,
} from './patrols.schema'
import type { PatrolsService } from './patrols.service'

/** Patrols 巡查: lifecycle, track upload, compliance, rules and check-in points. */
export async function patrolsRoutes(
  app: FastifyInstance,
  opts: { patrols: PatrolsService; compliance: ComplianceService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { patrols, compliance } = opts
  const tags = ['patrols']
  const params = PatrolParamsSchema
  const record = { permission: 'patrol.record' as const }
  const readOrRecord = { permission: ['patrol.record', 'patrol.read'] as const }

  r.post(
    '/api/patrols',
    {
      preHandler: requireActor,
      config: record,
      schema: {
        tags,
        summary: 'Start a patrol with the phone’s id; the same id again answers the same patrol (200)',
        body: PatrolStartBodySchema,
        response: { 200: PatrolViewSchema, 201: PatrolViewSchema },
      },
    },
    async (req, reply) => {
      const { view, replayed } = await patrols.start(req.ctx, req.body)
      return reply.code(replayed ? 200 : 201).send(view)
    },
  )

  r.get(
    '/api/patrols',
    {
      preHandler: requireActor,
      config: readOrRecord,
      schema: {
        tags,
        summary: 'A worker’s patrols started on the days asked, newest first (one’s own by default)',
        querystring: PatrolListQuerySchema,
        response: { 200: PatrolListSchema },
      },
    },
    (req) => patrols.list(req.ctx, req.query),
  )

  r.get(
    '/api/patrols/positions',
    {
      preHandler: requireActor,
      config: { permission: 'patrol.read' },
      schema: {
        tags,
        summary: 'Latest positions of the workers on patrol in the reader’s scope, within a box',
        querystring: PositionsQuerySchema,
        response: { 200: PositionsSchema },
      },
    },
    (req) => patrols.positions(req.ctx, req.query.bbox),
  )

  r.get(
    '/api/patrols/compliance',
    {
      preHandler: requireActor,
      config: readOrRecord,
      schema: {
        tags,
        summary: 'Compliance of a day and its week, Monday to Sunday (one’s own by default)',
        querystring: ComplianceQuerySchema,
        response: { 200: ComplianceSchema },
      },
    },
    (req) => compliance.compliance(req.ctx, req.query),
  )

  r.put(
    '/api/patrols/checklist/:day',
    {
      preHandler: requireActor,
      config: record,
      schema: {
        tags,
        summary: 'Tick the 553 checklist items done on a day (the whole list ticked)',
        params: ChecklistParamsSchema,
        body: ChecklistBodySchema,
        response: { 200: ComplianceDaySchema },
      },
    },
    (req) => compliance.tickChecklist(req.ctx, req.params.day, req.body.items),
  )

  r.get(
    '/api/patrols/rules',
    {
      preHandler: requireActor,
      config: { permission: ['patrol.record', 'patrol.read', 'patrol.configure'] },
      schema: { tags, summary: 'Patrol rules of every grid level', response: { 200: RulesListSchema } },
    },
    () => compliance.rules(),
  )

  r.put(
    '/api/patrols/rules/:level',
    {
      preHandler: requireActor,
      config: { permission: 'patrol.configure' },
      schema: {
        tags,
        summary: 'Set a grid level’s patrol rules and 553 checklist (whole-deployment patrol.configure)',
        params: RulesParamsSchema,
        body: RulesBodySchema,
        response: { 200: RulesViewSchema },
      },
    },
    (req) => compliance.putRules(req.ctx, req.params.level, req.body),
  )

  r.get(
    '/api/patrols/checkpoints',
    {
      preHandler: requireActor,
      config: { permission: ['patrol.record', 'patrol.read', 'patrol.configure'] },
      schema: {
        tags,
        summary: 'Check-in points 必到点 of a grid and the grids below it',
        querystring: CheckpointQuerySchema,
        response: { 200: CheckpointListSchema },
      },
    },
    (req) => compliance.checkpoints(req.ctx, req.query.grid),
  )

  r.post(
    '/api/patrols/checkpoints',
    {
      preHandler: requireActor,
      config: { permission: 'patrol.configure' },
      schema: {
        tags,
        summary: 'Add a check-in point to a grid',
        body: CheckpointCreateBodySchema,
        response: { 201: CheckpointViewSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await compliance.createCheckpoint(req.ctx, req.body)),
  )

  r.put(
    '/api/patrols/checkpoints/:id',
    {
      preHandler: requireActor,
      config: { permission: 'patrol.configure' },
      schema: {
        tags,
        summary: 'Rename, move or resize a check-in point',
        params: CheckpointParamsSchema,
        body: CheckpointUpdateBodySchema,
        response: { 200: CheckpointViewSchema },
      },
    },
    (req) => compliance.updateCheckpoint(req.ctx, req.params.id, req.body),
  )

  r.delete(
    '/api/patrols/checkpoints/:id',
    {
      preHandler: requireActor,
      config: { permission: 'patrol.configure' },
      schema: { tags, summary: 'Retire a check-in point', params: CheckpointParamsSchema },
    },
    async (req, reply) => {
      await compliance.retireCheckpoint(req.ctx, req.params.id)
      return reply.code(204).send()
    },
  )

  r.get(
    '/api/patrols/:id',
    {
      preHandler: requireActor,
      config: readOrRecord,
      schema: {
        tags,
        summary: 'A patrol with its track (GeoJSON, split at gaps), gaps and the events reported during it',
        params,
        response: { 200: PatrolDetailSchema },
      },
    },
    (req) => patrols.detail(req.ctx, req.params.id),
  )

  r.post(
    '/api/patrols/:id/points',
    {
      preHandler: requireActor,
      config: record,
      schema: {
        tags,
        summary: 'Upload 1–500 points; a point (patrol, seq) is stored once',
        params,
        body: PointsBodySchema,
        response: { 200: PointsStoredSchema },
      },
    },
    (req) => patrols.addPoints(req.ctx, req.params.id, req.body.points),
  )

  r.post(
    '/api/patrols/:id/end',
    {
      preHandler: requireActor,
      config: record,
      schema: {
        tags,
        summary: 'End the patrol and compute its figures; ending again answers the same',
        params,
        body: PatrolEndBodySchema,
        response: { 200: PatrolViewSchema },
      },
    },
    (req) => patrols.end(req.ctx, req.params.id, req.body),
  )
}
