import { z } from 'zod'
import { POST_KEYS } from './staff.posts'

export const PostCreateBodySchema = z
  .object({
    post: z.enum(POST_KEYS),
    /** The user holding the post; or `personName` for someone without an account. */
    userId: z.uuid().optional(),
    personName: z.string().trim().min(1).max(64).optional(),
    workPhone: z
      .string()
      .regex(/^[0-9+\-\s()]{5,20}$/, 'a phone number')
      .optional(),
    duties: z.string().trim().max(500).optional(),
  })
  .refine(
    (b) => (b.userId === undefined) !== (b.personName === undefined),
    'give either userId or personName',
  )

export const PostViewSchema = z
  .object({
    id: z.uuid(),
    post: z.string(),
    postZh: z.string(),
    postEn: z.string(),
    holder: z.string(),
    userId: z.uuid().nullable(),
    workPhone: z.string().nullable(),
    duties: z.string().nullable(),
    validFrom: z.string(),
    /** Its photo is at `/notice/{code}/photos/{id}` while the post is current. */
    hasPhoto: z.boolean(),
  })
  .meta({ id: 'GridPost' })

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
