import { z } from 'zod'
import { PERSON_FIELDS } from './people.fields'

/** What a form may send for one field: the checks (people.record.ts) read text, numbers and yes/no. */
const fieldValue = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]).optional()

const fieldShape = Object.fromEntries(PERSON_FIELDS.map((f) => [f.key, fieldValue])) as Record<
  string,
  typeof fieldValue
>

/** A new person: every field of PERSON_FIELDS by its key; the values are checked by `checkPerson`. */
export const PersonCreateBodySchema = z.object(fieldShape).meta({ id: 'PersonCreateBody' })

/** A change: the fields given replace (null or '' clears one); `version` is the one the form was read at. */
export const PersonUpdateBodySchema = z
  .object({ ...fieldShape, version: z.number().int().min(1) })
  .meta({ id: 'PersonUpdateBody' })

/** A person's tags 标签, all of them (each checked by `checkTags`), at the version read. */
export const PersonTagsBodySchema = z
  .object({ tags: z.array(z.string().max(200)).max(100), version: z.number().int().min(1) })
  .meta({ id: 'PersonTagsBody' })

export const PersonReasonBodySchema = z.object({ reason: z.string().max(500) })

export const PersonParamsSchema = z.object({ id: z.uuid() })

export const PersonListQuerySchema = z.object({
  /** A grid's code: people in its subtree. */
  grid: z
    .string()
    .regex(/^\d{1,30}$/)
    .optional(),
  kind: z.enum(['registered', 'floating', 'foreign']).optional(),
  /**
   * What the search box holds: an ID number or a phone is searched exactly (blind index), anything
   * else as part of a name. The answer says which it searched.
   */
  q: z.string().trim().min(1).max(50).optional(),
  tag: z.string().trim().min(1).max(50).optional(),
  /** A special group's code (only for readers holding ledger.special there). */
  group: z.string().trim().min(1).max(50).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional(),
})

const codeName = z.object({ zh: z.string(), en: z.string() }).nullable()

export const PersonSummarySchema = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    kindName: codeName,
    /** Masked (张*), or 已删除 for a person erased on request. */
    name: z.string(),
    idNumber: z.string().nullable(),
    phone: z.string().nullable(),
    sex: z.string().nullable(),
    sexName: codeName,
    birthYear: z.number().int().nullable(),
    grid: z.object({ code: z.string(), name: z.string() }),
    tags: z.array(z.string()),
    erased: z.boolean(),
  })
  .meta({ id: 'PersonSummary' })

export const PersonListSchema = z
  .object({
    items: z.array(PersonSummarySchema),
    nextCursor: z.string().nullable(),
    /** What the search box was taken for. */
    searched: z.enum(['none', 'name', 'id_number', 'phone']),
  })
  .meta({ id: 'PersonList' })

const change = z.object({
  at: z.string(),
  /** Who changed it: a user's display name, or the import or seed that did. */
  actor: z.string(),
  /** { field: [before, after] }, personal values masked. */
  changes: z.record(z.string(), z.unknown()),
})

export const PersonViewSchema = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    kindName: codeName,
    idType: z.string(),
    idNumber: z.string().nullable(),
    name: z.string(),
    formerName: z.string().nullable(),
    sex: z.string().nullable(),
    sexName: codeName,
    birthDate: z.string().nullable(),
    /** Code fields with their names: ethnicity, maritalStatus, politicalStatus, education. */
    codes: z.record(z.string(), z.object({ code: z.string(), zh: z.string(), en: z.string() })),
    ethnicity: z.string().nullable(),
    nativePlace: z.string().nullable(),
    maritalStatus: z.string().nullable(),
    politicalStatus: z.string().nullable(),
    education: z.string().nullable(),
    occupation: z.string().nullable(),
    workplace: z.string().nullable(),
    phone: z.string().nullable(),
    registeredAddress: z.string().nullable(),
    currentAddress: z.string().nullable(),
    livesWhereRegistered: z.boolean().nullable(),
    details: z.record(z.string(), z.string()),
    tags: z.array(z.string()),
    grid: z.object({ code: z.string(), name: z.string() }),
    erasedAt: z.string().nullable(),
    /** Whether the values shown are masked (always, in this view). */
    masked: z.boolean(),
    /** A member of a special group: unmasking needs break-glass (or being the responsible worker). */
    special: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    abilities: z.array(z.enum(['update', 'delete', 'unmask', 'access_log'])),
    residences: z.array(
      z.object({
        relation: z.string(),
        fromDate: z.string(),
        toDate: z.string().nullable(),
        /** The room masked: building and room numbers hidden. */
        place: z.string(),
      }),
    ),
    household: z
      .object({
        id: z.uuid(),
        number: z.string().nullable(),
        relation: z.string(),
        members: z.array(z.object({ id: z.uuid(), name: z.string(), relation: z.string() })),
      })
      .nullable(),
    /** Special-group memberships: null when the reader may not see special groups. */
    groups: z
      .array(
        z.object({
          groupCode: z.string(),
          zh: z.string(),
          en: z.string(),
          attention: z.number().int(),
          startsOn: z.string(),
          endsOn: z.string().nullable(),
        }),
      )
      .nullable(),
    visits: z.number().int(),
    events: z.array(
      z.object({ id: z.string(), number: z.string(), state: z.string(), category: z.string() }),
    ),
    changes: z.array(change),
  })
  .meta({ id: 'PersonView' })

export const PersonClearSchema = z
  .object({
    name: z.string(),
    idNumber: z.string().nullable(),
    phone: z.string().nullable(),
    registeredAddress: z.string().nullable(),
    currentAddress: z.string().nullable(),
    /** The name in Latin letters of a foreign resident. */
    englishName: z.string().nullable(),
    /** When the screen hides the values again. */
    until: z.string(),
  })
  .meta({ id: 'PersonClear' })

export const AccessLogQuerySchema = z.object({
  grid: z
    .string()
    .regex(/^\d{1,30}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.coerce.number().int().min(1).optional(),
})

export const AccessLogSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.number().int(),
        at: z.string(),
        actorName: z.string().nullable(),
        actorId: z.string().nullable(),
        personId: z.string().nullable(),
        /** Masked. */
        personName: z.string().nullable(),
        /** ledger.person (a profile or list read, masked), ledger.unmask, ledger.break_glass. */
        purpose: z.string(),
        masked: z.boolean(),
        reason: z.string().nullable(),
        fields: z.array(z.string()),
      }),
    ),
    nextCursor: z.number().int().nullable(),
  })
  .meta({ id: 'PersonAccessLog' })

export type PersonListQuery = z.infer<typeof PersonListQuerySchema>
export type PersonView = z.infer<typeof PersonViewSchema>
export type PersonSummary = z.infer<typeof PersonSummarySchema>
export type AccessLogQuery = z.infer<typeof AccessLogQuerySchema>

export const PersonFieldsSchema = z
  .array(
    z.object({
      key: z.string(),
      zh: z.string(),
      en: z.string(),
      type: z.string(),
      required: z.boolean(),
      kinds: z.array(z.string()).nullable(),
      sealed: z.boolean(),
      max: z.number().int().nullable(),
      /** A code field's choices. */
      options: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })).nullable(),
    }),
  )
  .meta({ id: 'PersonFields' })
