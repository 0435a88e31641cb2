import { z } from 'zod'
import { ReporterPhotoSchema } from '../attachments/attachments.schema'
import { CaseCreateBodySchema, ContactSchema } from '../cases.schema'
import { CASE_STATES, type CaseState } from '../cases.states'

/** A name in both languages, as the server stores states, actions and categories. */
const Names = z.object({ zh: z.string(), en: z.string() })

/** How a resident can be reached (the same as a caller's): stored encrypted, shown to staff masked. */
export { ContactSchema }

/** A report from the public page: the staff intake's limits, no source or urgency (the channel sets them). */
export const PublicReportBodySchema = CaseCreateBodySchema.pick({
  categoryCode: true,
  location: true,
  address: true,
  description: true,
  nature: true,
}).extend({
  contact: ContactSchema.optional(),
  /** 公开我的诉求（不含个人信息）: off unless the resident ticks it. */
  publish: z.boolean().default(false),
})

export const PublicReportCreatedSchema = z.object({
  no: z.string(),
  /** The reporter's private tracking token: shown once, stored only as its digest. */
  token: z.string(),
  /** The page to keep: the token rides in the fragment, which browsers never send to a server. */
  trackingUrl: z.string(),
})

/** The token travels in a header: query strings reach logs and browser histories. */
export const TrackingHeadersSchema = z.object({
  'x-tracking-token': z.string().max(200).optional(),
})

export const TrackingParamsSchema = z.object({ no: z.string().min(1).max(40) })

const state = z.enum(Object.keys(CASE_STATES) as [CaseState, ...CaseState[]])

export const PublicCaseSchema = z
  .object({
    no: z.string(),
    /** The version to send with a rating. */
    version: z.number().int(),
    state,
    stateName: Names,
    category: z.object({ code: z.string(), zh: z.string(), en: z.string() }),
    reportedAt: z.string(),
    address: z.string().nullable(),
    /** What the reporter is told: no private notes, no names, no staff roles beyond "staff". */
    timeline: z.array(
      z.object({
        action: z.string(),
        actionName: Names,
        to: state,
        toName: Names,
        at: z.string(),
        publicText: z.string().nullable(),
        by: z.enum(['resident', 'staff']),
      }),
    ),
    rating: z.number().int().nullable(),
    ratingText: z.string().nullable(),
    /** Closed, and not rated since it was last closed. */
    canRate: z.boolean(),
    /** The reporter's photos and the result photos staff showed them, oldest first. */
    photos: z.array(ReporterPhotoSchema),
  })
  .meta({ id: 'PublicCase' })

export const PublicPhotoParamsSchema = TrackingParamsSchema.extend({ id: z.uuid() })

export const PublicRatingBodySchema = z.object({
  version: z.number().int().min(1),
  rating: z.number().int().min(1).max(5),
  text: z.string().trim().max(500).optional(),
})

export const PublicCategoriesSchema = z.object({
  /** Big classes a resident may report under, each with its small classes. */
  classes: z.array(
    z.object({
      code: z.string(),
      zh: z.string(),
      en: z.string(),
      children: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
    }),
  ),
})

export const ReporterContactQuerySchema = z.object({
  /** The clear contact: case.accept or case.supervise over the case, and audited. */
  unmask: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Why the contact is unmasked (a return visit 回访 …): required with unmask, kept in the audit row. */
  reason: z.string().trim().max(200).optional(),
})

export const ReporterContactSchema = z.object({
  /** null when the reporter left no contact (or reported with an account). */
  contact: z
    .object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() })
    .nullable(),
  masked: z.boolean(),
  /** Whether this reader may see the contact unmasked (the page offers the action only then). */
  mayUnmask: z.boolean(),
})

/** Whether the reporter agreed to the case being listed publicly (Open311). */
export const PublicationSchema = z.object({ publish: z.boolean() }).meta({ id: 'CasePublication' })

export type Contact = z.infer<typeof ContactSchema>
export type PublicReportBody = z.infer<typeof PublicReportBodySchema>
export type PublicCase = z.infer<typeof PublicCaseSchema>
export type PublicRatingBody = z.infer<typeof PublicRatingBodySchema>
export type ReporterContact = z.infer<typeof ReporterContactSchema>
