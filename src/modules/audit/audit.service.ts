import { type SQL, sql } from 'drizzle-orm'
import type { Database, Executor } from '../../db/database'
import type { RequestContext } from '../../lib/context'
import { safeError } from '../../lib/safe-error'
import { type AuditFilter, type AuditRow, auditRepo, type ChainBreak } from './audit.repo'

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

export function listAudit(ex: Executor, filter: AuditFilter): Promise<AuditRow[]> {
  return auditRepo.list(ex, filter)
}

const SEAL_BATCH = 1000

/** Seals every row waiting; returns how many it sealed. */
export async function sealAll(ex: Executor): Promise<number> {
  let total = 0
  for (;;) {
    const n = await auditRepo.seal(ex, SEAL_BATCH)
    total += n
    if (n < SEAL_BATCH) return total
  }
}

export interface VerifyReport {
  ok: boolean
  sealed: number
  unsealed: number
  firstBreak: ChainBreak | null
  head: { seq: number; hash: string } | null
}

/** Seals what is waiting, then walks the whole chain. */
export async function verifyAuditChain(ex: Executor): Promise<VerifyReport> {
  await sealAll(ex)
  const firstBreak = await auditRepo.firstBreak(ex)
  const { sealed, unsealed } = await auditRepo.counts(ex)
  return { ok: firstBreak === null, sealed, unsealed, firstBreak, head: await auditRepo.head(ex) }
}

/**
 * Seals soon after writes (poke) and on a timer, so rows written by other nodes are sealed too.
 * Errors are logged and retried on the next tick; a row is never lost, only sealed later.
 */
export function startAuditSealer(
  database: Database,
  log: { error: (o: object, m: string) => void },
  intervalMs = 5000,
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
          await sealAll(database.db)
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
