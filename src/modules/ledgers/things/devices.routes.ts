import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { RecordParams } from '../ledgers.schema'
import {
  DeviceCreateSchema,
  DeviceListQuery,
  DevicePageSchema,
  DeviceSchema,
  DeviceStatusBodySchema,
  DeviceUpdateSchema,
} from './devices.schema'
import type { DevicesService } from './devices.service'

export async function devicesRoutes(app: FastifyInstance, opts: { devices: DevicesService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { devices } = opts
  const tags = ['ledgers']
  const read = { permission: 'ledger.read' } as const
  const write = { permission: 'ledger.write' } as const

  r.get(
    '/api/devices',
    {
      config: read,
      schema: {
        tags,
        summary: 'Facilities and devices in the reader’s grids (kind, status, grid, name or code)',
        querystring: DeviceListQuery,
        response: { 200: DevicePageSchema },
      },
    },
    (req) => devices.list(req.ctx, req.query),
  )
  r.get(
    '/api/devices/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One device with its status history',
        params: RecordParams,
        response: { 200: DeviceSchema },
      },
    },
    (req) => devices.one(req.ctx, req.params.id),
  )
  r.post(
    '/api/devices',
    {
      config: write,
      schema: {
        tags,
        summary: 'Register a device (code unique)',
        body: DeviceCreateSchema,
        response: { 201: DeviceSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await devices.create(req.ctx, req.body)),
  )
  r.patch(
    '/api/devices/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change a device',
        params: RecordParams,
        body: DeviceUpdateSchema,
        response: { 200: DeviceSchema },
      },
    },
    (req) => devices.update(req.ctx, req.params.id, req.body),
  )
  r.post(
    '/api/devices/:id/status',
    {
      config: write,
      schema: {
        tags,
        summary: 'Set a device’s status, with a note (kept in its history)',
        params: RecordParams,
        body: DeviceStatusBodySchema,
        response: { 200: DeviceSchema },
      },
    },
    (req) => devices.setStatus(req.ctx, req.params.id, req.body.status, req.body.note),
  )
  r.delete(
    '/api/devices/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove a device and its history',
        params: RecordParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await devices.remove(req.ctx, req.params.id)
      return reply.code(204).send(null)
    },
  )
}
