import { type SQL, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'
import { likeStartsWith } from '../../lib/like'
import { type ReadScope, scopedCases } from './cases.repo'

export const STATS_GROUPS = [
  'none',
  'child',
  'department',
  'category',
  'big_class',
  'state',
  'month',
] as const
export type StatsGroup = (typeof STATS_GROUPS)[number]

export interface StatsQuery {
  /** Cases reported in [from, to). */
  from: Date
  to: Date
  /** A grid subtree by its path (the reader's scope applies on top). */
  gridPath?: string
  /** Whose children `child` groups by when no subtree is chosen (the reader's own grid); else the top level. */
  groupUnder?: string
  /** `child` groups by the grids at this depth instead (an assessment of every grid of one level). */
  groupDepth?: number
  departmentId?: string
  category?: string
  groupBy: StatsGroup
}

export interface StatsCounts {
  key: string | null
  name_zh: string | null
  name_en: string | null
  received: number
  filed: number
  due: number
  closed: number
  on_time: number
  handled: number
  reworked: number
  extended: number
  deferred: number
  avg_handling_hours: number | null
  rated: number
  avg_rating: number | null
  satisfied: number
}

/** The group key of a case row `c`, for each grouping. */
function keyOf(group: StatsGroup, under: string | undefined, groupDepth?: number): SQL {
  switch (group) {
    case 'none':
      return sql`null::text`
    case 'child': {
      // The child of the chosen grid holding the case (or the top level when none is chosen).
      const depth = groupDepth ?? (under ? under.split('.').length + 1 : 1)
      return sql`(select g.code from grids g
        where nlevel(c.grid_path) >= ${depth} and g.path = subpath(c.grid_path, 0, ${depth}))`
    }
    case 'department':
      return sql`(select d.code from departments d where d.id = c.department_id)`
    case 'category':
      return sql`c.category_code`
    case 'big_class':
      return sql`left(c.category_code, 2)`
    case 'state':
      return sql`c.state`
    case 'month':
      return sql`to_char(c.reported_at at time zone 'Asia/Shanghai', 'YYYY-MM')`
  }
}

/** The names of a group key `s.key`, in Chinese and English (grids and departments have one). */
function namesOf(group: StatsGroup): [zh: SQL, en: SQL] {
  switch (group) {
    case 'child': {
      const name = sql`(select g.name from grids g where g.code = s.key)`
      return [name, name]
    }
    case 'department': {
      const name = sql`(select d.name from departments d where d.code = s.key)`
      return [name, name]
    }
    case 'category':
    case 'big_class':
      return [
        sql`(select k.name_zh from case_categories k where k.code = s.key)`,
        sql`(select k.name_en from case_categories k where k.code = s.key)`,
      ]
    default:
      return [sql`null::text`, sql`null::text`]
  }
}

/** The counts per group of the cases reported in a period that a reader may see. */
export function caseStatsQuery(q: StatsQuery, scope: ReadScope): SQL {
  const where = [sql`c.reported_at >= ${q.from}`, sql`c.reported_at < ${q.to}`]
  if (q.gridPath !== undefined) where.push(sql`c.grid_path <@ ${q.gridPath}::ltree`)
  if (q.departmentId) where.push(sql`c.department_id = ${q.departmentId}`)
  if (q.category) where.push(likeStartsWith(sql.raw('c.category_code'), q.category))
  const scoped = scopedCases(sql`c.*`, sql.join(where, sql` and `), scope)
  const [nameZh, nameEn] = namesOf(q.groupBy)
  return sql`with base as (
        select ${keyOf(q.groupBy, q.gridPath ?? q.groupUnder, q.groupDepth)} as key, c.*,
          c.accepted_at is not null and c.state not in ('rejected', 'voided', 'merged') as is_filed,
          exists (select 1 from case_transitions t where t.case_id = c.id and t.to_state = 'reopened'
            and t.action in ('verify', 'rate')) as is_reworked,
          exists (select 1 from case_extensions e where e.case_id = c.id and e.approved) as is_extended
        from (${scoped}) c),
      counts as (select key,
        count(*)::int as received,
        count(*) filter (where is_filed)::int as filed,
        count(*) filter (where is_filed and not deferred)::int as due,
        count(*) filter (where is_filed and not deferred and state = 'closed')::int as closed,
        count(*) filter (where is_filed and not deferred and state = 'closed' and coalesce(handle_overdue, false) = false)::int as on_time,
        count(*) filter (where handled_at is not null)::int as handled,
        count(*) filter (where is_reworked)::int as reworked,
        count(*) filter (where is_filed and is_extended)::int as extended,
        count(*) filter (where is_filed and deferred)::int as deferred,
        round((avg(extract(epoch from handled_at - accepted_at)) filter (where handled_at is not null) / 3600)::numeric, 2)::float as avg_handling_hours,
        count(rating)::int as rated,
        round(avg(rating)::numeric, 2)::float as avg_rating,
        count(*) filter (where rating >= 4)::int as satisfied
      from base group by key)
      select s.*, ${nameZh} as name_zh, ${nameEn} as name_en from counts s order by s.key nulls first`
}

export const statsRepo = {
  counts(ex: Executor, q: StatsQuery, scope: ReadScope): Promise<StatsCounts[]> {
    return queryRows<StatsCounts>(ex, caseStatsQuery(q, scope))
  },
}
