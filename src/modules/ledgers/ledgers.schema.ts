import { z } from 'zod'

/** What every ledger's contracts share: a point, a grid reference, a page, an unmask, a version. */
export const PointSchema = z.object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) })

export const GridCodeSchema = z.string().regex(/^\d{1,40}$/, 'digits only')

/** The grid a record belongs to, as views show it. */
export const RecordGridSchema = z.object({ code: z.string(), name: z.string(), path: z.string() })

export const RecordParams = z.object({ id: z.uuid() })

/** Filters every ledger list takes: a grid subtree, a cursor (the last id of the page before), a page size. */
export const ListQueryBase = z.object({
  grid: GridCodeSchema.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

export const UnmaskBodySchema = z.object({ reason: z.string().max(500) })

/** Optimistic locking: a change names the version it was made on (409 `ledger.version_conflict` when stale). */
export const VersionSchema = z.number().int().min(1)

export const AbilitiesSchema = z.array(z.enum(['update', 'delete', 'unmask']))

export const text = (max: number) => z.string().trim().min(1).max(max)
