import { z } from 'zod'
import { BoundarySchema, GridSummarySchema, GridWarningSchema } from './grids.schema'

const code = z.string().regex(/^\d{6,30}$/, 'digits only: the parent code followed by the segment')
const households = z.number().int().min(0).max(10_000_000).optional()
const population = z.number().int().min(0).max(100_000_000).optional()
const reason = z.string().trim().max(500).optional()

export const SplitBodySchema = z.object({
  parts: z
    .array(
      z.object({
        code,
        name: z.string().trim().min(1).max(100),
        boundary: BoundarySchema,
        households,
        population,
        /** The part whose staff posts and grants are those of the grid split (at most one part). */
        inheritsStaff: z.boolean().default(false),
      }),
    )
    .min(2, 'a split makes at least two parts')
    .max(50)
    .refine(
      (parts) => parts.filter((p) => p.inheritsStaff).length <= 1,
      'at most one part inherits the staff',
    )
    .refine((parts) => new Set(parts.map((p) => p.code)).size === parts.length, 'part codes must differ'),
  reason,
})

export const MergeBodySchema = z.object({
  codes: z
    .array(z.string().regex(/^\d+$/))
    .min(2, 'a merger takes at least two grids')
    .max(50)
    .refine((codes) => new Set(codes).size === codes.length, 'codes must differ'),
  into: z.object({ code, name: z.string().trim().min(1).max(100), households, population }),
  reason,
})

export const RepairQuerySchema = z.object({
  /** Repair an invalid boundary with ST_MakeValid instead of refusing it. */
  repair: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
})

export const ReshapeResultSchema = z.object({
  retired: z.array(z.string()),
  created: z.array(GridSummarySchema),
  /** Descendants re-coded under their new parents (what referenced them followed). */
  recoded: z.array(z.object({ from: z.string(), to: z.string() })),
  warnings: z.array(GridWarningSchema),
})

export type SplitBody = z.infer<typeof SplitBodySchema>
export type MergeBody = z.infer<typeof MergeBodySchema>
export type ReshapeResult = z.infer<typeof ReshapeResultSchema>
