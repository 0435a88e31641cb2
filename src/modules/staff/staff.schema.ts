import { z } from 'zod'
import { POST_KEYS } from './staff.posts'

const workPhone = z.string().regex(/^[0-9+\-\s()]{5,20}$/, 'a phone number')

export const PostCreateBodySchema = z
  .object({
    post: z.enum(POST_KEYS),
    /** The user holding the post; or `personName` for someone without an account. */
    userId: z.uuid().optional(),
    personName: z.string().trim().min(1).max(64).optional(),
    workPhone: workPhone.optional(),
    duties: z.string().trim().max(500).optional(),
  })
  .refine(
    (b) => (b.userId === undefined) !== (b.personName === undefined),
    'give either userId or personName',
  )

/** A current post's work phone and duties (null clears one); who holds it and which post it is stay. */
export const PostUpdateBodySchema = z
  .object({ workPhone: workPhone.nullable(), duties: z.string().trim().max(500).nullable() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'give workPhone or duties')
export type PostUpdateBody = z.infer<typeof PostUpdateBodySchema>

export const PostViewSchema = z
  .object({
    id: z.uuid(),
    post: z.string(),
    postZh: z.string(),
    postEn: z.string(),
    holder: z.string(),
    userId: z.uuid().nullable(),
    /** Masked (028****0001) unless the list was asked with `unmask=true` (audited). */
    workPhone: z.string().nullable(),
    phoneMasked: z.boolean(),
    duties: z.string().nullable(),
    validFrom: z.string(),
    /** Its photo is at `/notice/{code}/photos/{id}` while the post is current. */
    hasPhoto: z.boolean(),
    /** Changes with the photo: add `?v=` to its address so a replaced photo is not served from a cache. */
    photoVersion: z.string().nullable(),
    /** What the reader may do with the post: end it, set or remove its photo, edit its phone and duties. */
    abilities: z.array(z.enum(['end', 'photo', 'edit'])),
  })
  .meta({ id: 'GridPost' })

export const PostListQuerySchema = z.object({
  /** Work phones in clear: for readers of the grid, audited as a read of personal data. */
  unmask: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Why the phones are asked in clear: required with `unmask=true`, kept in the audit row. */
  reason: z.string().trim().max(200).optional(),
})
export type PostListQuery = z.infer<typeof PostListQuerySchema>

export const StaffingSchema = z
  .object({
    grid: z.object({ code: z.string(), name: z.string(), level: z.string() }),
    posts: z.array(PostViewSchema),
    /** The posts the reader may fill here, and whether with a person without an account or a user. */
    appointable: z.array(
      z.object({
        post: z.enum(POST_KEYS),
        postZh: z.string(),
        postEn: z.string(),
        person: z.boolean(),
        user: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'GridStaffing' })

export const PostParamsSchema = z.object({ code: z.string().regex(/^\d+$/), id: z.uuid() })
export const UnderstaffedQuerySchema = z.object({
  level: z
    .string()
    .regex(/^[a-z_]+$/)
    .default('grid'),
})
export const UnderstaffedSchema = z.object({
  level: z.string(),
  required: z.number().int(),
  grids: z.array(z.object({ code: z.string(), name: z.string(), workers: z.number().int() })),
})

export type PostCreateBody = z.infer<typeof PostCreateBodySchema>
export type PostView = z.infer<typeof PostViewSchema>
