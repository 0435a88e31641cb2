import { z } from 'zod'

export const KeyCountSchema = z.object({
  table: z.string(),
  column: z.string(),
  /** The key's id (8 hex), or `legacy` for values of the short format that do not name their key. */
  keyId: z.string(),
  count: z.number().int(),
})

export const RotationSchema = z.object({
  id: z.string(),
  targetKeyId: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  progress: z.record(z.string(), z.object({ done: z.number().int() })),
  rowsDone: z.number().int(),
  startedBy: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  failure: z.string().nullable(),
})

export const DataKeyStatusSchema = z
  .object({
    algorithm: z.enum(['aes-256-gcm', 'sm4-gcm']),
    currentKeyId: z.string(),
    /** Every key the server holds, the current one first; the others are retired. */
    keyIds: z.array(z.string()),
    values: z.array(KeyCountSchema),
    /** Values still sealed under a retired key: the retired keys may be removed when this is 0 and the job is done. */
    valuesUnderRetiredKeys: z.number().int(),
    rotation: RotationSchema.nullable(),
  })
  .meta({ id: 'DataKeyStatus' })

export const RotationStartedSchema = z.object({ id: z.string() })
