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

/** A cutting line drawn across a grid, in WGS84. */
export const CutBodySchema = z.object({
  line: z.object({
    type: z.literal('LineString'),
    coordinates: z
      .array(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]))
      .min(2)
      .max(200),
  }),
})

export const CutPreviewSchema = z.object({
  /** The pieces, west to east then north to south: the parts a split with these boundaries makes. */
  parts: z.array(
    z.object({
      boundary: BoundarySchema,
      /** Share of the grid's area. */
      share: z.number(),
      /** Current children that would move under this part. */
      children: z.array(z.string()),
    }),
  ),
  /** Current children the line cuts through: a split along it would be refused. */
  cutChildren: z.array(z.string()),
})

export const SiblingCodesQuerySchema = z.object({
  count: z.coerce.number().int().min(1).max(50).default(1),
})
export const SiblingCodesSchema = z.object({
  /** Codes never used, for new grids beside this one (its level, its parent). */
  codes: z.array(z.string()),
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
export type CutBody = z.infer<typeof CutBodySchema>
export type CutPreview = z.infer<typeof CutPreviewSchema>
export type ReshapeResult = z.infer<typeof ReshapeResultSchema>
