import { z } from 'zod'
import { badRequest } from '../../lib/problem'
import { sha256Hex } from '../../lib/tokens'
import { pathCovers } from '../auth/auth.policy'

/**
 * Where a phone stands in its sync, carried by the phone as an opaque string (base64url JSON):
 * the scopes it holds and their hash, the change-log position (a database snapshot), and, while
 * one runs, the first-sync pull (subtrees, kind, last id) or the log window being paged.
 */
const CursorSchema = z.object({
  v: z.literal(1),
  /** The subtrees the phone holds, and their hash. */
  s: z.array(z.string().max(400)).max(1000),
  h: z.string(),
  /** The log's epoch (the database it came from); older cursors have none and are reset once. */
  e: z.uuid().optional(),
  /** The log position: every change committed by this snapshot is on the phone (or in the pull). */
  x: z.string().max(100_000),
  /** A pull of whole subtrees in progress: the subtrees, the kind's index, the last id sent. */
  p: z
    .object({ paths: z.array(z.string().max(400)).max(1000), k: z.int().min(0), i: z.uuid().nullable() })
    .optional(),
  /** A log window in progress: its end snapshot and the last change sent. */
  w: z.object({ to: z.string().max(100_000), q: z.number().int().min(0) }).optional(),
})
export type SyncCursor = z.infer<typeof CursorSchema>

export const scopesHash = (scopes: readonly string[]) => sha256Hex(JSON.stringify(scopes)).slice(0, 16)

export function encodeCursor(c: Omit<SyncCursor, 'v' | 'h'>): string {
  return Buffer.from(JSON.stringify({ v: 1, ...c, h: scopesHash(c.s) })).toString('base64url')
}

export function decodeCursor(cursor: string): SyncCursor {
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')))
    if (parsed.success && parsed.data.h === scopesHash(parsed.data.s)) return parsed.data
  } catch {
    // fall through to the refusal
  }
  throw badRequest('field.bad_cursor', 'The cursor is not one this feed gave: sync again without one')
}

/** The smallest set of subtrees covering the same grids, sorted (so equal scopes compare equal). */
export function normaliseScopes(paths: readonly string[]): string[] {
  const unique = [...new Set(paths)].sort()
  return unique.filter((p) => !unique.some((q) => q !== p && pathCovers(q, p)))
}

/**
 * What a phone holding `before` does to hold `after`: drop the records under `drop`, then load the
 * subtrees `add`. A subtree of `after` inside a dropped one is loaded again, so a phone that drops
 * whole subtrees ends right.
 */
export function scopeChange(before: readonly string[], after: readonly string[]) {
  const drop = before.filter((b) => !after.some((a) => pathCovers(a, b)))
  const add = after.filter((a) => !before.some((b) => pathCovers(b, a)) || drop.some((d) => pathCovers(d, a)))
  return { drop, add }
}
