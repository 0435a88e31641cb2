import { z } from 'zod'
import {
  AbilitiesSchema,
  GridCodeSchema,
  ListQueryBase,
  PointSchema,
  RecordGridSchema,
  text,
  VersionSchema,
} from '../ledgers.schema'

/** Kinds of key place 重点场所 and levels of the grid's party organisation (the "3+1" system). */
export const KEY_PLACE_KINDS = [
  'nine_small',
  'school_surroundings',
  'logistics',
  'internet_cafe',
  'entertainment',
  'other',
] as const
export const PARTY_LEVELS = [
  'general_committee',
  'grid_branch',
  'micro_grid_group',
  'exclusive_grid',
] as const

/** The kind's own facts: hazardous chemicals, party and union presence, the key place's kind, the party level. */
export const OrganizationDetailsSchema = z
  .object({
    hazardousChemicals: z.boolean(),
    partyOrganization: z.boolean(),
    tradeUnion: z.boolean(),
    youthLeague: z.boolean(),
    keyPlaceKind: z.enum(KEY_PLACE_KINDS),
    partyLevel: z.enum(PARTY_LEVELS),
    /** 登记证号 of a social organisation, 业务主管单位 … */
    registrationNumber: z.string().trim().max(50),
    supervisingUnit: z.string().trim().max(100),
    businessScope: z.string().trim().max(500),
  })
  .partial()
  .strict()

const fields = {
  name: text(100),
  creditCode: z.string().trim().max(30).nullable(),
  legalRepresentative: z.string().trim().max(50).nullable(),
  contactPhone: z.string().trim().max(30).nullable(),
  address: z.string().trim().max(200).nullable(),
  point: PointSchema.nullable(),
  staffCount: z.number().int().min(0).max(10_000_000).nullable(),
  parentId: z.uuid().nullable(),
  details: OrganizationDetailsSchema,
}

export const OrganizationCreateSchema = z
  .object({ kind: z.string().max(40), gridCode: GridCodeSchema.optional(), ...fields })
  .partial({
    creditCode: true,
    legalRepresentative: true,
    contactPhone: true,
    address: true,
    point: true,
    staffCount: true,
    parentId: true,
    details: true,
  })
  .strict()

export const OrganizationUpdateSchema = z
  .object({ version: VersionSchema, kind: z.string().max(40), gridCode: GridCodeSchema, ...fields })
  .partial()
  .required({ version: true })
  .strict()

export const OrganizationSchema = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    name: z.string(),
    creditCode: z.string().nullable(),
    legalRepresentative: z.string().nullable(),
    /** Masked (138****5678) unless unmasked. */
    contactPhone: z.string().nullable(),
    address: z.string().nullable(),
    point: PointSchema.nullable(),
    staffCount: z.number().nullable(),
    parentId: z.uuid().nullable(),
    details: OrganizationDetailsSchema,
    grid: RecordGridSchema,
    version: z.number(),
    abilities: AbilitiesSchema,
    createdAt: z.string(),
  })
  .meta({ id: 'Organization' })

export const OrganizationListQuery = ListQueryBase.extend({ kind: z.string().max(40).optional() })

export const OrganizationPageSchema = z.object({
  items: z.array(OrganizationSchema),
  nextCursor: z.string().nullable(),
})

export type OrganizationCreate = z.infer<typeof OrganizationCreateSchema>
export type OrganizationUpdate = z.infer<typeof OrganizationUpdateSchema>
export type OrganizationListQuery = z.infer<typeof OrganizationListQuery>
