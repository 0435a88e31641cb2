import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { DEFAULT_SCHEME, type LevelScheme } from './grids.levels'

const LevelSchemeSchema = z
  .object({
    levels: z
      .array(
        z.object({
          key: z.string().regex(/^[a-z_]+$/),
          zh: z.string().min(1),
          en: z.string().min(1),
          width: z.number().int().min(1).max(9),
          parents: z.array(z.string()),
          households: z
            .object({ min: z.number().int().min(0), max: z.number().int().min(0) })
            .refine((h) => h.min <= h.max, 'min must not exceed max')
            .optional(),
          workers: z.number().int().min(0).max(50).optional(),
          public: z.boolean().optional(),
        }),
      )
      .min(1),
  })
  .superRefine((scheme, ctx) => {
    const seen = new Set<string>()
    for (const [i, level] of scheme.levels.entries()) {
      const unknown = level.parents.filter((p) => !seen.has(p))
      if (unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', i, 'parents'],
          message: `parents must be earlier levels: ${unknown.join(', ')}`,
        })
      }
      if ((i === 0) !== (level.parents.length === 0)) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', i, 'parents'],
          message: 'only the first level has no parent',
        })
      }
      seen.add(level.key)
    }
  })

/**
 * The deployment's level scheme: the JSON file WANGGE_LEVEL_SCHEME names (the shape of
 * DEFAULT_SCHEME), or the default. A bad file stops the start with one line naming the variable.
 */
export function loadLevelScheme(path: string | undefined): LevelScheme {
  if (!path) return DEFAULT_SCHEME
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new Error(
      `invalid configuration: WANGGE_LEVEL_SCHEME=${path} cannot be read as JSON (${(error as Error).message})`,
    )
  }
  const parsed = LevelSchemeSchema.safeParse(json)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new Error(
    `invalid configuration: WANGGE_LEVEL_SCHEME=${path} ${issue?.path.join('.')}: ${issue?.message}`,
  )
}
