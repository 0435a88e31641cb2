import { and, desc, eq, getTableColumns, gte, lt, lte, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'
import { escapeLike } from '../../lib/like'
import { auditLog } from './audit.tables'

export type AuditInsert = typeof auditLog.$inferInsert
export type AuditRow = typeof auditLog.$inferSelect

/** The acting account as it is now (null for a key, the system, or a user no longer there). */
export interface ActorUser {
  username: string
  displayName: string
}

/**
 * What the resource is now, when it still exists: its name (a role's in both languages, a user's
 * with the username) and, for a case, the id its page is opened by.
 */
export interface ResourceRef {
  name: string
  nameEn?: string
  username?: string
  caseId?: string
}

export type AuditListRow = AuditRow & { actorUser: ActorUser | null; resourceRef: ResourceRef | null }

/** Names of grids (by path or code), departments (by id or code) and roles (by key). */
export interface MentionedNames {
  grids: Record<string, string>
  departments: Record<string, string>
  roles: Record<string, { zh: string; en: string }>
}

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

export interface AuditActor {
  id: string
  username: string
  displayName: string
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

  async list(ex: Executor, f: AuditFilter): Promise<AuditListRow[]> {
    const where = and(
      f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
      f.action ? eq(auditLog.action, f.action) : undefined,
      f.resourceType ? eq(auditLog.resourceType, f.resourceType) : undefined,
      f.resourceId ? eq(auditLog.resourceId, f.resourceId) : undefined,
      f.from ? gte(auditLog.at, f.from) : undefined,
      f.to ? lte(auditLog.at, f.to) : undefined,
      f.beforeId ? lt(auditLog.id, f.beforeId) : undefined,
    )
    const rows = await ex
      .select({ ...getTableColumns(auditLog), actorUser: actorUserSql, resourceRef: resourceRefSql })
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(f.limit)
    return rows.map((r) => ({ ...r, actorUser: jsonOf(r.actorUser), resourceRef: jsonOf(r.resourceRef) }))
  },

  /** Accounts whose username or name contains `text`, for the log's person filter (a read-only join). */
  async actorsMatching(ex: Executor, text: string, limit: number): Promise<AuditActor[]> {
    const pattern = `%${escapeLike(text)}%`
    return queryRows<AuditActor>(
      ex,
      sql`select id::text as id, username, display_name as "displayName" from users
        where username ilike ${pattern} escape '\\' or display_name ilike ${pattern} escape '\\'
        order by username limit ${limit}`,
    )
  },

  /** The names of the grids, departments and roles a page of summaries mentions (read-only joins). */
  async namesOf(
    ex: Executor,
    mentioned: { grids: string[]; departments: string[]; roles: string[] },
  ): Promise<MentionedNames> {
    const names: MentionedNames = { grids: {}, departments: {}, roles: {} }
    if (mentioned.grids.length) {
      const rows = await queryRows<{ path: string; code: string; name: string }>(
        ex,
        sql`select path::text as path, code, name from grids
          where code = any(${textArray(mentioned.grids)}) or path::text = any(${textArray(mentioned.grids)})`,
      )
      for (const r of rows) {
        names.grids[r.code] = r.name
        names.grids[r.path] = r.name
      }
    }
    if (mentioned.departments.length) {
      const rows = await queryRows<{ id: string; code: string; name: string }>(
        ex,
        sql`select id::text as id, code, name from departments
          where code = any(${textArray(mentioned.departments)}) or id::text = any(${textArray(mentioned.departments)})`,
      )
      for (const r of rows) {
        names.departments[r.code] = r.name
        names.departments[r.id] = r.name
      }
    }
    if (mentioned.roles.length) {
      const rows = await queryRows<{ key: string; zh: string; en: string }>(
        ex,
        sql`select key, name_zh as zh, name_en as en from roles where key = any(${textArray(mentioned.roles)})`,
      )
      for (const r of rows) names.roles[r.key] = { zh: r.zh, en: r.en }
    }
    return names
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

const textArray = (values: string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`

const UUID = '^[0-9a-fA-F-]{36}$'

// Read-only looks into other modules' tables (auth's users, roles and keys; cases; grids; staff's
// departments), one scalar subquery per row of a page: the log stores ids, the reader wants names.
// CASE evaluates a branch only when its test holds, so the uuid casts never meet a non-uuid.
const actorUserSql = sql<unknown>`case when ${auditLog.actorType} = 'user' and ${auditLog.actorId} ~ ${UUID} then
  (select jsonb_build_object('username', u.username, 'displayName', u.display_name)
    from users u where u.id = ${auditLog.actorId}::uuid) end`

const resourceRefSql = sql<unknown>`case
  when ${auditLog.resourceType} = 'user' and ${auditLog.resourceId} ~ ${UUID} then
    (select jsonb_build_object('name', u.display_name, 'username', u.username) from users u
      where u.id = ${auditLog.resourceId}::uuid)
  when ${auditLog.resourceType} = 'role' and ${auditLog.resourceId} ~ ${UUID} then
    (select jsonb_build_object('name', r.name_zh, 'nameEn', r.name_en) from roles r
      where r.id = ${auditLog.resourceId}::uuid)
  when ${auditLog.resourceType} = 'api_key' and ${auditLog.resourceId} ~ ${UUID} then
    (select jsonb_build_object('name', k.name) from api_keys k where k.id = ${auditLog.resourceId}::uuid)
  when ${auditLog.resourceType} = 'case' then
    (select jsonb_build_object('name', c.no, 'caseId', c.id) from cases c where c.no = ${auditLog.resourceId})
  when ${auditLog.resourceType} = 'grid' then
    (select jsonb_build_object('name', g.name) from grids g where g.code = ${auditLog.resourceId})
  when ${auditLog.resourceType} = 'department' then
    (select jsonb_build_object('name', d.name) from departments d where d.code = ${auditLog.resourceId})
  when ${auditLog.resourceType} = 'category' then
    (select jsonb_build_object('name', k.name_zh, 'nameEn', k.name_en) from case_categories k
      where k.code = ${auditLog.resourceId})
  end`

/** jsonb arrives parsed from both drivers, or as text from a driver that leaves it (kept safe for either). */
function jsonOf<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null
  return (typeof value === 'string' ? JSON.parse(value) : value) as T
}
