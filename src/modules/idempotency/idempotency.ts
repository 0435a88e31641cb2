import type { FastifyReply } from 'fastify'
import { z } from 'zod'
import type { Executor } from '../../db/database'
import type { Actor } from '../../lib/context'
import { Problem } from '../../lib/problem'
import { sha256Hex } from '../../lib/tokens'
import { idempotencyRepo } from './idempotency.repo'

/** The `Idempotency-Key` header of the field app's creating POSTs: the client's UUID (v7) for the intent. */
export const IdempotencyKeySchema = z.uuid('Idempotency-Key must be a UUID')

/** The header a route sets on an answer given again. */
export const REPLAYED_HEADER = 'idempotent-replayed'

export interface IdempotentRequest {
  /** Whose key it is: `callerOf(ctx.actor)`. */
  caller: string
  /** The `Idempotency-Key` (a UUID). */
  key: string
  /** What the request asked for; a replay must ask for exactly the same (keys in any order). */
  body: unknown
  /** The use case (`visit.create`): the same key sent to another operation is refused too. */
  operation?: string
}

export interface IdempotentAnswer<T> {
  status: number
  body: T
  /** True when this is the stored answer of an earlier request with the key. */
  replayed: boolean
}

/** The key's owner: a signed-in user, or an API key (a device's integration). */
export function callerOf(actor: Actor | null): string {
  if (!actor) throw new Problem(401, 'auth.unauthenticated', 'Sign in first')
  return `${actor.type}:${actor.id}`
}

/** JSON with object keys sorted at every depth: equal bodies hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

const keyReused = () =>
  new Problem(
    422,
    'idempotency.key_reused',
    'This Idempotency-Key was used for another request: send a new key for new content',
  )

/**
 * Runs `act` once per (caller, key), inside the caller's transaction `tx`: the key row is claimed
 * first, so the change, its answer and the key commit together or not at all (an error rolls the key
 * back with the rest, and a retry runs again). A retry with the same body answers the stored status
 * and body with `replayed: true`; the same key with another body is 422 `idempotency.key_reused`.
 * Two requests with one key at the same moment: the second waits on the first's row, then replays.
 */
export async function idempotent<T>(
  tx: Executor,
  request: IdempotentRequest,
  act: () => Promise<{ status: number; body: T }>,
): Promise<IdempotentAnswer<T>> {
  const key = IdempotencyKeySchema.safeParse(request.key)
  if (!key.success) throw new Problem(400, 'idempotency.bad_key', 'Idempotency-Key must be a UUID')
  const hash = sha256Hex(canonicalJson({ operation: request.operation ?? null, body: request.body }))
  if (await idempotencyRepo.claim(tx, request.caller, key.data, hash)) {
    await idempotencyRepo.forgetExpired(tx)
    const answer = await act()
    await idempotencyRepo.answer(tx, request.caller, key.data, answer.status, answer.body)
    return { ...answer, replayed: false }
  }
  const stored = await idempotencyRepo.find(tx, request.caller, key.data)
  if (!stored || stored.status === null) throw keyReused() // not reachable: a claim commits with its answer
  if (stored.request_hash !== hash) throw keyReused()
  return { status: stored.status, body: stored.response as T, replayed: true }
}

/** Sends an answer from `idempotent`: its status, and `Idempotent-Replayed: true` on a replay. */
export function sendIdempotent<T>(reply: FastifyReply, answer: IdempotentAnswer<T>) {
  if (answer.replayed) reply.header(REPLAYED_HEADER, 'true')
  return reply.code(answer.status).send(answer.body)
}
