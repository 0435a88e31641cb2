import { type SQL, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../db/database'
import { andPathWithin } from '../../../db/scope-sql'

/** The reveals the log lists: unmasks and break-glass reads (`privacy/unmask.ts` writes them). */
export const REVEALS = ['ledger.unmask', 'ledger.break_glass'] as const

/** Where a revealed record's grid path and name come from: a person, an organisation, a membership's person. */
const FROM = sql`from audit_log a
  left join people p on a.resource_type = 'person' and p.id::text = a.resource_id
  left join organizations o on a.resource_type = 'organization' and o.id::text = a.resource_id
  left join group_memberships m on a.resource_type = 'group_membership' and m.id::text = a.resource_id
  left join people mp on mp.id = m.person_id`
const PATH = sql`coalesce(p.grid_path, o.grid_path, m.grid_path)`
const REVEALED = sql`a.action = 'personal_data.read' and a.summary->>'purpose' in (${sql.join(
  REVEALS.map((r) => sql`${r}`),
  sql`, `,
)})`

export interface RevealFilter {
  within: string[] | null
  /** Instants, inclusive from and exclusive to. */
  from?: Date
  to?: Date
  actorId?: string
}

const filtered = (f: RevealFilter): SQL =>
  sql`where ${REVEALED} and ${PATH} is not null ${andPathWithin(PATH, f.within)}
    ${f.from ? sql`and a.at >= ${f.from.toISOString()}::timestamptz` : sql``}
    ${f.to ? sql`and a.at < ${f.to.toISOString()}::timestamptz` : sql``}`

export const accessRepo = {
  /**
   * Unmasks and break-glass reads of the records within the subtrees, newest first, a keyset page
   * (ids below `before`); the person's name (of a membership too) or the organisation's, unmasked.
   */
  reveals(ex: Executor, f: RevealFilter, limit: number, before?: number) {
    return queryRows<RevealRow>(
      ex,
      sql`select a.id, a.at, a.actor_id, coalesce(u.display_name, a.actor_name) as actor_name, a.summary,
          a.resource_type, a.resource_id, coalesce(p.id, mp.id)::text as person_id,
          coalesce(p.name, mp.name) as person_name, (coalesce(p.erased_at, mp.erased_at) is not null) as erased,
          o.name as organization_name
        ${FROM}
        left join users u on a.actor_type = 'user' and u.id::text = a.actor_id
        ${filtered(f)}
        ${f.actorId ? sql`and a.actor_id = ${f.actorId}` : sql``}
        ${before ? sql`and a.id < ${before}` : sql``}
        order by a.id desc limit ${limit}`,
    )
  },

  /** Who revealed records within the subtrees (and the dates), for the log's reader filter. */
  readers(ex: Executor, f: RevealFilter) {
    return queryRows<{ id: string; name: string | null; n: number }>(
      ex,
      sql`select a.actor_id as id, max(coalesce(u.display_name, a.actor_name)) as name, count(*)::int as n
        ${FROM}
        left join users u on a.actor_type = 'user' and u.id::text = a.actor_id
        ${filtered(f)} and a.actor_id is not null
        group by a.actor_id order by name, a.actor_id limit 200`,
    )
  },
}

export interface RevealRow {
  id: number | string
  at: string | Date
  actor_id: string | null
  actor_name: string | null
  summary: Record<string, unknown>
  resource_type: string
  resource_id: string
  person_id: string | null
  person_name: string | null
  erased: boolean
  organization_name: string | null
}
