import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../../http/request-context'
import type { BuildingsService } from './buildings.service'
import {
  AddressListSchema,
  AddressQuerySchema,
  BuildingCreateBodySchema,
  BuildingListQuerySchema,
  BuildingListSchema,
  BuildingRoomsSchema,
  BuildingUpdateBodySchema,
  BuildingViewSchema,
  IdParams,
  MoveInBodySchema,
  MoveOutBodySchema,
  RentalCreateBodySchema,
  ResidenceParams,
  RoomCreateBodySchema,
  RoomDetailSchema,
  RoomUpdateBodySchema,
  RoomViewSchema,
  UnitCreateBodySchema,
  UnitViewSchema,
} from './places.schema'
import type { ResidencesService } from './residences.service'

/** The places ledger's routes: standard addresses, buildings, units, rooms, residences, rentals. */
export async function placesRoutes(
  app: FastifyInstance,
  opts: { buildings: BuildingsService; residences: ResidencesService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { buildings, residences } = opts
  const tags = ['ledgers']
  const read = { preHandler: requireActor, config: { permission: 'ledger.read' as const } }
  const write = { preHandler: requireActor, config: { permission: 'ledger.write' as const } }

  r.get(
    '/api/addresses',
    {
      ...read,
      schema: {
        tags,
        summary:
          'Address search 地址检索: buildings whose address, name or estate contains the text, in scope',
        querystring: AddressQuerySchema,
        response: { 200: AddressListSchema },
      },
    },
    (req) => buildings.addresses(req.ctx, req.query),
  )

  r.get(
    '/api/buildings',
    {
      ...read,
      schema: {
        tags,
        summary: 'Buildings 建筑物 in scope, by address (keyset pages), filtered by grid subtree and text',
        querystring: BuildingListQuerySchema,
        response: { 200: BuildingListSchema },
      },
    },
    (req) => buildings.list(req.ctx, req.query),
  )

  r.post(
    '/api/buildings',
    {
      ...write,
      schema: {
        tags,
        summary: 'Add a building, placed in the leaf grid holding its point',
        body: BuildingCreateBodySchema,
        response: { 201: BuildingViewSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await buildings.create(req.ctx, req.body)),
  )

  r.get(
    '/api/buildings/:id',
    {
      ...read,
      schema: { tags, summary: 'One building', params: IdParams, response: { 200: BuildingViewSchema } },
    },
    (req) => buildings.view(req.ctx, req.params.id),
  )

  r.patch(
    '/api/buildings/:id',
    {
      ...write,
      schema: {
        tags,
        summary: 'Change a building at its version; a new point in another grid moves it (audited)',
        params: IdParams,
        body: BuildingUpdateBodySchema,
        response: { 200: BuildingViewSchema },
      },
    },
    (req) => buildings.update(req.ctx, req.params.id, req.body),
  )

  r.delete(
    '/api/buildings/:id',
    {
      ...write,
      schema: {
        tags,
        summary: 'Delete a building nobody lives or lived in',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await buildings.remove(req.ctx, req.params.id)
      return reply.code(204).send(null)
    },
  )

  r.get(
    '/api/buildings/:id/units',
    {
      ...read,
      schema: {
        tags,
        summary: "A building's units 单元",
        params: IdParams,
        response: { 200: z.array(UnitViewSchema) },
      },
    },
    (req) => buildings.units(req.ctx, req.params.id),
  )

  r.post(
    '/api/buildings/:id/units',
    {
      ...write,
      schema: {
        tags,
        summary: 'Add a unit 单元 to a building',
        params: IdParams,
        body: UnitCreateBodySchema,
        response: { 201: UnitViewSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await buildings.addUnit(req.ctx, req.params.id, req.body)),
  )

  r.get(
    '/api/buildings/:id/rooms',
    {
      ...read,
      schema: {
        tags,
        summary: "A building's units and rooms, each room with its occupants now (names masked)",
        params: IdParams,
        response: { 200: BuildingRoomsSchema },
      },
    },
    (req) => buildings.rooms(req.ctx, req.params.id),
  )

  r.post(
    '/api/buildings/:id/rooms',
    {
      ...write,
      schema: {
        tags,
        summary: 'Add a room 户室 with its house fields 实有房屋',
        params: IdParams,
        body: RoomCreateBodySchema,
        response: { 201: RoomViewSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await buildings.addRoom(req.ctx, req.params.id, req.body)),
  )

  r.get(
    '/api/rooms/:id',
    {
      ...read,
      schema: {
        tags,
        summary: 'One room: its occupants now, who lived there before and its rentals (names masked)',
        params: IdParams,
        response: { 200: RoomDetailSchema },
      },
    },
    (req) => residences.roomDetail(req.ctx, req.params.id),
  )

  r.patch(
    '/api/rooms/:id',
    {
      ...write,
      schema: {
        tags,
        summary: "Change a room's number, unit or house fields at its version",
        params: IdParams,
        body: RoomUpdateBodySchema,
        response: { 200: RoomViewSchema },
      },
    },
    (req) => buildings.updateRoom(req.ctx, req.params.id, req.body),
  )

  r.post(
    '/api/rooms/:id/residences',
    {
      ...write,
      schema: {
        tags,
        summary: 'Move a person in from a date; their previous residence ends the day before',
        params: IdParams,
        body: MoveInBodySchema,
        response: { 201: RoomDetailSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await residences.moveIn(req.ctx, req.params.id, req.body)),
  )

  r.post(
    '/api/rooms/:id/residences/:residenceId/end',
    {
      ...write,
      schema: {
        tags,
        summary: 'Move a person out: their residence ends on the date (kept in the history)',
        params: ResidenceParams,
        body: MoveOutBodySchema,
        response: { 200: RoomDetailSchema },
      },
    },
    (req) => residences.moveOut(req.ctx, req.params.id, req.params.residenceId, req.body.toDate),
  )

  r.post(
    '/api/rentals',
    {
      ...write,
      schema: {
        tags,
        summary: 'Register a rental 出租房屋登记: dates and tenants, who move in as tenants',
        body: RentalCreateBodySchema,
        response: { 201: RoomDetailSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await residences.registerRental(req.ctx, req.body)),
  )
}
