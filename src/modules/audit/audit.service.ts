import { type SQL, sql } from 'drizzle-orm'
import type { Database, Executor } from '../../db/database'
import type { RequestContext } from '../../lib/context'
import { forbidden } from '../../lib/problem'
import { safeError } from '../../lib/safe-error'
import { may } from '../auth/auth.policy'
import { type AuditHash, chainHash, hashAlgorithmOf, ZERO_HASH } from './audit.hash'
import { mentionsOf, summaryOf } from './audit.names'
import {
  type AuditActor,
  type AuditFilter,
  type AuditListRow,
  auditRepo,
  type ChainBreak,
  type MentionedNames,
} from './audit.repo'

export interface AuditEntry {
  action: string
  resourceType?: string
  resourceId?: string
  /** Before/after summary: field names and non-personal values only, never a password or an ID number. */
  summary?: Record<string, unknown>
}

/** Writes the audit row of a change; call it inside the change's own transaction. */
export async function recordAudit(ex: Executor, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await auditRepo.insert(ex, {
    actorType: ctx.actor?.type ?? 'anonymous',
    actorId: ctx.actor?.id ?? null,
    actorName: ctx.actor?.name ?? null,
    action: entry.action,
    resourceType: entry.resourceType ?? null,
    resourceId: entry.resourceId ?? null,
    ip: ctx.ip,
    requestId: ctx.requestId,
    summary: entry.summary ?? {},
  })
}

/**
 * The audit row of a change written as one statement, as a sub-statement of it (a CTE): one row per
 * row of `from`, whose columns `resourceId` may name (e.g. a number the statement draws).
 */
export function auditRowFrom(
  ctx: RequestContext,
  entry: Omit<AuditEntry, 'resourceId'> & { resourceId: SQL },
  from: SQL,
): SQL {
  return sql`insert into audit_log (actor_type, actor_id, actor_name, action, resource_type, resource_id, ip,
      request_id, summary)
    select ${ctx.actor?.type ?? 'anonymous'}, ${ctx.actor?.id ?? null}, ${ctx.actor?.name ?? null}, ${entry.action},
      ${entry.resourceType ?? null}, ${entry.resourceId}, ${ctx.ip}, ${ctx.requestId},
      ${JSON.stringify(entry.summary ?? {})}::jsonb
    from ${from}`
}

/**
 * The audit log, for those holding audit.read over the whole deployment (the audit administrator):
 * a page of rows with who acted and what they acted on as named now, and the names of the grids,
 * departments and roles their summaries mention.
 */
export async function listAudit(
  ex: Executor,
  ctx: RequestContext,
  filter: AuditFilter,
): Promise<{ rows: AuditListRow[]; names: MentionedNames }> {
  if (!may(ctx.actor, 'audit.read')) throw forbidden('auth.forbidden', 'You may not read the audit log')
  const rows = await auditRepo.list(ex, filter)
  const names = await auditRepo.namesOf(ex, mentionsOf(rows.map((r) => summaryOf(r.summary))))
  return { rows, names }
}

/** The person filter of the log: accounts by part of their name, for readers of the log. */
export async function findAuditActors(
  ex: Executor,
  ctx: RequestContext,
  text: string,
): Promise<AuditActor[]> {
  if (!may(ctx.actor, 'audit.read')) throw forbidden('auth.forbidden', 'You may not read the audit log')
  return auditRepo.actorsMatching(ex, text, ACTORS_FOUND)
}

const ACTORS_FOUND = 20

const SEAL_BATCH = 1000

/** Seals every row waiting with `algorithm` (WANGGE_AUDIT_HASH); returns how many it sealed. */
export async function sealAll(ex: Executor, algorithm: AuditHash = 'sha256'): Promise<number> {
  let total = 0
  for (;;) {
    const n = algorithm === 'sha256' ? await auditRepo.seal(ex, SEAL_BATCH) : await sealSm3(ex, SEAL_BATCH)
    total += n
    if (n < SEAL_BATCH) return total
  }
}

/** audit_seal() in SQL, with the hash computed here: the same lock, order and chaining. */
function sealSm3(ex: Executor, maxRows: number): Promise<number> {
  return ex.transaction(async (tx) => {
    if (!(await auditRepo.trySealLock(tx))) return 0
    const head = await auditRepo.head(tx)
    let seq = head?.seq ?? 0
    let prevHash = head?.hash ?? ZERO_HASH
    const seals = (await auditRepo.unsealed(tx, maxRows)).map(({ id, digest }) => {
      const hash = chainHash('sm3', prevHash, digest)
      const seal = { id, seq: ++seq, prevHash, hash }
      prevHash = hash
      return seal
    })
    await auditRepo.setSeals(tx, seals)
    return seals.length
  })
}

export interface VerifyReport {
  ok: boolean
  sealed: number
  unsealed: number
  firstBreak: ChainBreak | null
  head: { seq: number; hash: string } | null
}

const VERIFY_PAGE = 2000

/** The first sealed row whose sequence number, link or hash (under its own algorithm) is wrong. */
async function firstBreak(ex: Executor): Promise<ChainBreak | null> {
  let prevSeq = 0
  let prevHash = ZERO_HASH
  for (;;) {
    const page = await auditRepo.chainPage(ex, prevSeq, VERIFY_PAGE)
    for (const row of page) {
      if (row.seq !== prevSeq + 1) return { id: row.id, seq: row.seq, reason: 'sequence_gap' }
      if (row.prevHash !== prevHash) return { id: row.id, seq: row.seq, reason: 'link_mismatch' }
      const expected = row.hash && chainHash(hashAlgorithmOf(row.hash), prevHash, row.digest)
      if (!row.hash || row.hash !== expected) return { id: row.id, seq: row.seq, reason: 'hash_mismatch' }
      prevSeq = row.seq
      prevHash = row.hash
    }
    if (page.length < VERIFY_PAGE) return null
  }
}

/** Seals what is waiting (with `algorithm`), then walks the whole chain, whatever each row's algorithm. */
export async function verifyAuditChain(ex: Executor, algorithm: AuditHash = 'sha256'): Promise<VerifyReport> {
  await sealAll(ex, algorithm)
  const broken = await firstBreak(ex)
  const { sealed, unsealed } = await auditRepo.counts(ex)
  return { ok: broken === null, sealed, unsealed, firstBreak: broken, head: await auditRepo.head(ex) }
}

/**
 * Seals soon after writes (poke) and on a timer, so rows written by other nodes are sealed too.
 * Errors are logged and retried on the next tick; a row is never lost, only sealed later.
 */
export function startAuditSealer(
  database: Database,
  log: { error: (o: object, m: string) => void },
  { intervalMs = 5000, algorithm = 'sha256' as AuditHash } = {},
) {
  let timer: NodeJS.Timeout | null = null
  let running: Promise<void> | null = null
  let again = false
  const run = async (): Promise<void> => {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      do {
        again = false
        try {
          await sealAll(database.db, algorithm)
        } catch (error) {
          log.error({ err: safeError(error) }, 'audit sealing failed; will retry')
        }
      } while (again)
    })()
    await running
    running = null
  }
  const interval = setInterval(run, intervalMs)
  interval.unref()
  return {
    poke() {
      if (timer) return
      timer = setTimeout(() => {
        timer = null
        void run()
      }, 50)
      timer.unref()
    },
    async stop() {
      clearInterval(interval)
      if (timer) clearTimeout(timer)
      await running
    },
  }
}

export type AuditSealer = ReturnType<typeof startAuditSealer>
