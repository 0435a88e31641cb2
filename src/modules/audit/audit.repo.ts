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

  /** Sealed rows after `afterSeq` in seq order, with the content their hash covers. */
  async chainPage(ex: Executor, afterSeq: number, limit: number): Promise<ChainLink[]> {
    const rows = await queryRows<ChainLink>(
      ex,
      sql`select a.id, a.seq, a.prev_hash as "prevHash", a.hash, audit_row_digest(a) as digest
        from audit_log a where a.seq > ${afterSeq} order by a.seq limit ${limit}`,
    )
    return rows.map((r) => ({ ...r, id: Number(r.id), seq: Number(r.seq) }))
  },

  /** Unsealed rows in id order, with the content their hash will cover. */
  async unsealed(ex: Executor, limit: number): Promise<{ id: number; digest: string }[]> {
    const rows = await queryRows<{ id: number; digest: string }>(
      ex,
      sql`select a.id, audit_row_digest(a) as digest from audit_log a where a.seq is null order by a.id limit ${limit}`,
    )
    return rows.map((r) => ({ id: Number(r.id), digest: r.digest }))
  },

  /** Takes the sealer's lock for the transaction; false when another sealer holds it. */
  async trySealLock(tx: Executor): Promise<boolean> {
    const [r] = await queryRows<{ ok: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(hashtext('wangge.audit_seal')) as ok`,
    )
    return r?.ok === true
  },

  /** Sets seq/prev_hash/hash of unsealed rows in one statement (the one update the guard allows). */
  async setSeals(tx: Executor, seals: { id: number; seq: number; prevHash: string; hash: string }[]) {
    if (seals.length === 0) return
    await tx.execute(sql`update audit_log a set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
      from jsonb_to_recordset(${JSON.stringify(seals.map((s) => ({ id: s.id, seq: s.seq, prev_hash: s.prevHash, hash: s.hash })))}::jsonb)
        as v(id bigint, seq bigint, prev_hash text, hash text)
      where a.id = v.id and a.seq is null`)
  },
}

export interface ChainLink {
  id: number
  seq: number
  prevHash: string | null
  hash: string | null
  digest: string
}
