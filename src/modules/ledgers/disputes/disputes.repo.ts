import { type SQL, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../db/database'
import { andPathWithin } from '../../../db/scope-sql'
import { likeContains } from '../../../lib/like'

export interface DisputeRow {
  id: string
  grid_id: string
  grid_code: string
  grid_name: string
  grid_path: string
  case_id: string | null
  case_no: string | null
  kind: string
  scale: string
  summary: string
  parties: { personId?: string; name?: string; role?: string }[]
  mediation_method: string | null
  mediator: string | null
  deadline: string | null
  outcome: string | null
  resolved_on: string | null
  version: number
  created_at: string
}

export interface DisputeWrite {
  gridId: string
  gridPath: string
  caseId: string | null
  kind: string
  scale: string
  summary: string
  parties: unknown[]
  mediationMethod: string | null
  mediator: string | null
  deadline: string | null
  outcome: string | null
  resolvedOn: string | null
}

const SELECT = sql`select d.id, d.grid_id, g.code as grid_code, g.name as grid_name, d.grid_path::text as grid_path,
  d.case_id, c.no as case_no, d.kind, d.scale, d.summary, d.parties, d.mediation_method, d.mediator,
  d.deadline::text, d.outcome, d.resolved_on::text, d.version, d.created_at::text
  from disputes d join grids g on g.id = d.grid_id left join cases c on c.id = d.case_id`

/** The dispute list's filters (alias `d`): the list and its export select the same rows. */
export interface DisputeFilter {
  within: string[] | null
  subtree?: string
  kind?: string
  scale?: string
  state?: string
  q?: string
  today: string
}

export function disputeFilters(q: DisputeFilter): SQL[] {
  const conditions: SQL[] = [sql`true ${andPathWithin(sql`d.grid_path`, q.within)}`]
  if (q.subtree) conditions.push(sql`d.grid_path <@ ${q.subtree}::ltree`)
  if (q.kind) conditions.push(sql`d.kind = ${q.kind}`)
  if (q.scale) conditions.push(sql`d.scale = ${q.scale}`)
  if (q.state === 'open') conditions.push(sql`d.resolved_on is null`)
  if (q.state === 'resolved') conditions.push(sql`d.resolved_on is not null`)
  if (q.state === 'overdue') conditions.push(sql`d.resolved_on is null and d.deadline < ${q.today}::date`)
  if (q.q) conditions.push(likeContains(sql`d.summary`, q.q))
  return conditions
}

export const disputesRepo = {
  async list(ex: Executor, q: DisputeFilter & { cursor?: string; limit: number }) {
    const conditions = disputeFilters(q)
    if (q.cursor) conditions.push(sql`d.id < ${q.cursor}::uuid`)
    return queryRows<DisputeRow>(
      ex,
      sql`${SELECT} where ${sql.join(conditions, sql` and `)} order by d.id desc limit ${q.limit}`,
    )
  },

  async one(ex: Executor, id: string, within: string[] | null) {
    const [row] = await queryRows<DisputeRow>(
      ex,
      sql`${SELECT} where d.id = ${id}::uuid ${andPathWithin(sql`d.grid_path`, within)}`,
    )
    return row ?? null
  },

  /** A case by its number, when it lies within these subtrees. */
  async caseByNo(ex: Executor, no: string, within: string[] | null) {
    const [row] = await queryRows<{ id: string }>(
      ex,
      sql`select c.id from cases c where c.no = ${no} ${andPathWithin(sql`c.grid_path`, within)}`,
    )
    return row?.id ?? null
  },

  /** The names of people on the ledger within these subtrees, by id (others are not there for the reader). */
  async peopleNames(ex: Executor, ids: readonly string[], within: string[] | null) {
    if (!ids.length) return new Map<string, string>()
    const rows = await queryRows<{ id: string; name: string }>(
      ex,
      sql`select p.id, p.name from people p where p.id = any(${`{${[...new Set(ids)].join(',')}}`}::uuid[])
        ${andPathWithin(sql`p.grid_path`, within)}`,
    )
    return new Map(rows.map((r) => [r.id, r.name]))
  },

  async insert(ex: Executor, id: string, w: DisputeWrite) {
    await ex.execute(sql`insert into disputes (id, grid_id, grid_path, case_id, kind, scale, summary, parties,
      mediation_method, mediator, deadline, outcome, resolved_on)
      values (${id}, ${w.gridId}, ${w.gridPath}::ltree, ${w.caseId}, ${w.kind}, ${w.scale}, ${w.summary},
      ${JSON.stringify(w.parties)}::jsonb, ${w.mediationMethod}, ${w.mediator}, ${w.deadline}::date, ${w.outcome},
      ${w.resolvedOn}::date)`)
  },

  async update(ex: Executor, id: string, version: number, w: DisputeWrite) {
    const rows = await queryRows(
      ex,
      sql`update disputes set case_id = ${w.caseId}, kind = ${w.kind}, scale = ${w.scale}, summary = ${w.summary},
        parties = ${JSON.stringify(w.parties)}::jsonb, mediation_method = ${w.mediationMethod}, mediator = ${w.mediator},
        deadline = ${w.deadline}::date, outcome = ${w.outcome}, resolved_on = ${w.resolvedOn}::date, version = version + 1
        where id = ${id}::uuid and version = ${version} returning 1`,
    )
    return rows.length === 1
  },

  async remove(ex: Executor, id: string) {
    await ex.execute(sql`delete from disputes where id = ${id}::uuid`)
  },
}
