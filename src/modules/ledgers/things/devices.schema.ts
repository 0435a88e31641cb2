import { z } from 'zod'
import {
  GridCodeSchema,
  ListQueryBase,
  PointSchema,
  RecordGridSchema,
  text,
  VersionSchema,
} from '../ledgers.schema'

/** A device's working state: the IoT work later sets `alarm` and `offline` from its messages. */
export const DEVICE_STATUSES = ['normal', 'fault', 'offline', 'alarm', 'maintenance', 'removed'] as const

export const DeviceDetailsSchema = z
  .object({
    model: z.string().trim().max(100),
    installedOn: z.iso.date(),
    maintainer: z.string().trim().max(100),
    /** The code of the urban component class (GB/T 30428 部件) when it is one. */
    componentClass: z.string().trim().max(20),
  })
  .partial()
  .strict()

export const DeviceCreateSchema = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and - (up to 40)'),
    kind: z.string().max(40),
    name: text(100),
    gridCode: GridCodeSchema.optional(),
    point: PointSchema.optional(),
    ownerOrganizationId: z.uuid().optional(),
    details: DeviceDetailsSchema.optional(),
  })
  .strict()

export const DeviceUpdateSchema = z
  .object({
    version: VersionSchema,
    kind: z.string().max(40),
    name: text(100),
    gridCode: GridCodeSchema,
    point: PointSchema,
    ownerOrganizationId: z.uuid().nullable(),
    details: DeviceDetailsSchema,
  })
  .partial()
  .required({ version: true })
  .strict()

export const DeviceStatusBodySchema = z
  .object({ status: z.enum(DEVICE_STATUSES), note: z.string().trim().max(500).optional() })
  .strict()

export const DeviceSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    kind: z.string(),
    name: z.string(),
    status: z.enum(DEVICE_STATUSES),
    point: PointSchema.nullable(),
    ownerOrganizationId: z.uuid().nullable(),
    details: DeviceDetailsSchema,
    grid: RecordGridSchema,
    version: z.number(),
    abilities: z.array(z.enum(['update', 'delete', 'unmask'])),
    /** Newest first; only on one device's view. */
    history: z
      .array(
        z.object({
          status: z.string(),
          note: z.string().nullable(),
          at: z.string(),
          by: z.string().nullable(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Device' })

export const DeviceListQuery = ListQueryBase.extend({
  kind: z.string().max(40).optional(),
  status: z.enum(DEVICE_STATUSES).optional(),
})

export const DevicePageSchema = z.object({ items: z.array(DeviceSchema), nextCursor: z.string().nullable() })

export type DeviceCreate = z.infer<typeof DeviceCreateSchema>
export type DeviceUpdate = z.infer<typeof DeviceUpdateSchema>
export type DeviceListQuery = z.infer<typeof DeviceListQuery>
