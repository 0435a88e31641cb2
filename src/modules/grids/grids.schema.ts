import { z } from 'zod'
import { SECTORS } from './grids.levels'
import { GRID_ACTIONS, PAGE_ACTIONS } from './grids.policy'

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number())
const ring = z.array(position).min(4, 'a ring needs at least 4 positions (closed)')

/** GeoJSON Polygon or MultiPolygon in WGS84 (CGCS2000 / EPSG:4490 is accepted as is: centimetres apart). */
export const BoundarySchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
  ])
  .meta({ id: 'Boundary' })

const levelKey = z.string().regex(/^[a-z_]+$/)
const sector = z.enum(Object.keys(SECTORS) as [keyof typeof SECTORS, ...(keyof typeof SECTORS)[]])

export const GridCreateBodySchema = z.object({
  code: z.string().regex(/^\d{6,30}$/, 'digits only: the parent code followed by this grid’s segment'),
  name: z.string().trim().min(1).max(100),
  level: levelKey,
  parentCode: z.string().regex(/^\d+$/).nullable().default(null),
  exclusive: z.boolean().default(false),
  sector: sector.optional(),
  boundary: BoundarySchema,
  households: z.number().int().min(0).max(10_000_000).optional(),
  population: z.number().int().min(0).max(100_000_000).optional(),
  responsibleUnit: z.string().trim().max(200).optional(),
  attributes: z.record(z.string(), z.unknown()).default({}),
})

export const GridPatchBodySchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    /** A correction of a mistyped code, allowed while the grid has no children and nothing quotes it. */
    code: z
      .string()
      .regex(/^\d{6,30}$/, 'digits only')
      .optional(),
    boundary: BoundarySchema.optional(),
    households: z.number().int().min(0).max(10_000_000).nullable().optional(),
    population: z.number().int().min(0).max(100_000_000).nullable().optional(),
    responsibleUnit: z.string().trim().max(200).nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change')

export const LevelSchema = z
  .object({
    key: z.string(),
    zh: z.string(),
    en: z.string(),
    width: z.number().int(),
    parents: z.array(z.string()),
    households: z.object({ min: z.number(), max: z.number() }).optional(),
  })
  .meta({ id: 'Level' })

export const GridWarningSchema = z.object({ code: z.string(), message: z.string() })

export const GridSummarySchema = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.string(),
    path: z.string(),
    parentCode: z.string().nullable(),
    exclusive: z.boolean(),
    sector: z.string().nullable(),
    households: z.number().nullable(),
    population: z.number().nullable(),
  })
  .meta({ id: 'GridSummary' })

export const GridViewSchema = GridSummarySchema.extend({
  responsibleUnit: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  boundary: BoundarySchema,
  /** Root first, this grid's parent last. */
  ancestors: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })),
  childCount: z.number().int(),
  /** Where the grid came from (`from`) and what it became (`to`) through splits, mergers and re-codings. */
  lineage: z.array(
    z.object({
      direction: z.enum(['from', 'to']),
      code: z.string(),
      /** The other grid's name (a retired grid keeps its own). */
      name: z.string(),
      kind: z.enum(['split', 'merge', 'recode']),
      effectiveOn: z.string(),
      reason: z.string().nullable(),
      /** When the change was written, and who wrote it (null for changes older than this record). */
      recordedAt: z.string(),
      recordedBy: z.string().nullable(),
    }),
  ),
  warnings: z.array(GridWarningSchema),
  /** What the reader may do to this grid now: the page shows these buttons and no others. */
  abilities: z.array(z.enum(GRID_ACTIONS)),
}).meta({ id: 'Grid' })

/** A grid the reader's tree starts from, with its box to fit the map to: [west, south, east, north]. */
export const GridRootSchema = GridSummarySchema.extend({
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
}).meta({ id: 'GridRoot' })

export const GridRootsSchema = z.object({
  /** The top of each subtree the reader may read; the deployment's roots for a reader of everything. */
  items: z.array(GridRootSchema),
  /** What the reader may do on the grid page beyond any one grid. */
  abilities: z.array(z.enum(PAGE_ACTIONS)),
})

export const GridListQuerySchema = z.object({
  parent: z.string().regex(/^\d+$/).optional(),
  level: levelKey.optional(),
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** The last code of the previous page. */
  cursor: z.string().regex(/^\d+$/).optional(),
})

export const GridListSchema = z.object({
  items: z.array(GridSummarySchema),
  nextCursor: z.string().nullable(),
})
export const GridCodeParamsSchema = z.object({ code: z.string().regex(/^\d+$/, 'digits only') })
export const LocateQuerySchema = z.object({
  lng: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
})
/** A grid above the reader's scope on a located chain: what names it, no counts. */
export const GridOutlineSchema = z
  .object({ code: z.string(), name: z.string(), level: z.string() })
  .meta({ id: 'GridOutline' })
export const LocateResultSchema = z.object({
  chain: z.array(z.union([GridSummarySchema, GridOutlineSchema])),
})

export const GridImportBodySchema = z.object({
  type: z.literal('FeatureCollection'),
  /** Each feature is checked on its own, so one bad feature is reported, not the whole file. */
  features: z.array(z.unknown()).min(1).max(500_000),
})
export const GridImportResultSchema = z.object({
  created: z.number().int(),
  warnings: z.array(GridWarningSchema),
})

export const CoverageSchema = z.object({
  code: z.string(),
  /** Share of the grid's area no current child covers (0 when the children tile it). */
  uncoveredShare: z.number(),
  uncovered: BoundarySchema.nullable(),
  childrenOutOfRange: z.array(GridWarningSchema.extend({ grid: z.string() })),
})

export type GridPatch = z.infer<typeof GridPatchBodySchema>
export type GridCreateBody = z.infer<typeof GridCreateBodySchema>
export type GridSummary = z.infer<typeof GridSummarySchema>
export type GridView = z.infer<typeof GridViewSchema>
export type GridRoot = z.infer<typeof GridRootSchema>
export type Boundary = z.infer<typeof BoundarySchema>
