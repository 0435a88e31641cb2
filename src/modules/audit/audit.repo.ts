import { and, desc, eq, gte, lt, lte, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'
import { auditLog } from './audit.tables'

export type AuditInsert = typeof auditLog.$inferInsert
export type AuditRow = typeof auditLog.$inferSelect

export interface AuditFilter {
  actorId?: string
  action?: string
  resourceType?: string
  resourceId?: string
  from?: Date
  to?: Date
  /** Rows with an id below this (the previous page's last id). */
  beforeId?: number
  limit: number
}

export interface ChainBreak {
  id: number
  seq: number
  reason: 'hash_mismatch' | 'link_mismatch' | 'sequence_gap'
}

export const auditRepo = {
  async insert(ex: Executor, row: AuditInsert): Promise<void> {
    await ex.insert(auditLog).values(row)
  },

  async list(ex: Executor, f: AuditFilter): Promise<AuditRow[]> {
    const where = and(
      f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
      f.action ? eq(auditLog.action, f.action) : undefined,
      f.resourceType ? eq(auditLog.resourceType, f.resourceType) : undefined,
      f.resourceId ? eq(auditLog.resourceId, f.resourceId) : undefined,
      f.from ? gte(auditLog.at, f.from) : undefined,
      f.to ? lte(auditLog.at, f.to) : undefined,
      f.beforeId ? lt(auditLog.id, f.beforeId) : undefined,
    )
    return ex.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(f.limit)
  },

  async seal(ex: Executor, maxRows: number): Promise<number> {
    const [r] = await queryRows<{ n: number }>(ex, sql`select audit_seal(${maxRows}) as n`)
    return Number(r?.n ?? 0)
  },

  async counts(ex: Executor): Promise<{ sealed: number; unsealed: number }> {
    const [r] = await queryRows<{ sealed: number; unsealed: number }>(
      ex,
      sql`select count(seq)::int as sealed, (count(*) - count(seq))::int as unsealed from audit_log`,
    )
    return { sealed: Number(r?.sealed ?? 0), unsealed: Number(r?.unsealed ?? 0) }
  },

  /** The last sealed row: export its hash somewhere the database's superuser cannot write. */
  async head(ex: Executor): Promise<{ seq: number; hash: string } | null> {
    const [row] = await queryRows<{ seq: number; hash: string }>(
      ex,
      sql`select seq, hash from audit_log where seq is not null order by seq desc limit 1`,
    )
    return row ? { seq: Number(row.seq), hash: row.hash } : null
  },

  /** The first sealed row whose hash, link to its predecessor or sequence number is wrong, in seq order. */
  async firstBreak(ex: Executor): Promise<ChainBreak | null> {
    const [row] = await queryRows<{ id: number; seq: number; reason: ChainBreak['reason'] }>(
      ex,
      sql`
      select id, seq,
        case when seq <> coalesce(prev_seq, 0) + 1 then 'sequence_gap'
             when prev_hash is distinct from coalesce(prev_actual, repeat('0', 64)) then 'link_mismatch'
             else 'hash_mismatch' end as reason
      from (
        select a.id, a.seq, a.prev_hash, a.hash, audit_chain_hash(a.prev_hash, a) as expected,
          lag(a.hash) over (order by a.seq) as prev_actual, lag(a.seq) over (order by a.seq) as prev_seq
        from audit_log a where a.seq is not null
      ) t
      where seq <> coalesce(prev_seq, 0) + 1
         or prev_hash is distinct from coalesce(prev_actual, repeat('0', 64))
         or hash is distinct from expected
      order by seq limit 1`,
    )
    return row ? { id: Number(row.id), seq: Number(row.seq), reason: row.reason } : null
  },
}
