import { type SQL, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'
import { type CaseFilter, filterConditions, whereOf } from './cases.filter.repo'
import { type ReadScope, scopedCases } from './cases.repo'

/** The inbox's reads besides the list: the count of each queue, and the grids an export names. */
export const inboxRepo = {
  /**
   * How many of the reader's filtered cases each arm holds, in one pass over them: the cases are
   * selected once within the scope (as the lists are), then each arm's conditions count their own.
   */
  async count<K extends string>(
    ex: Executor,
    base: CaseFilter,
    arms: Record<K, CaseFilter>,
    scope: ReadScope,
    reporterId: string | null,
  ): Promise<Record<K | 'all', number>> {
    const counts: SQL[] = Object.entries<CaseFilter>(arms).map(([key, arm]) => {
      const test = sql.join([sql`true`, ...filterConditions(arm)], sql` and `)
      return sql`count(*) filter (where ${test})::int as ${sql.identifier(key)}`
    })
    const cases = scopedCases(sql.raw('c.*'), whereOf(base), scope, reporterId)
    const [row] = await queryRows<Record<K | 'all', number>>(
      ex,
      sql`select count(*)::int as "all", ${sql.join(counts, sql`, `)} from (${cases}) c`,
    )
    return row as Record<K | 'all', number>
  },

  /** A grid's path by its code. */
  async gridPath(ex: Executor, code: string): Promise<string | undefined> {
    const [row] = await queryRows<{ path: string }>(
      ex,
      sql`select path::text as path from grids where code = ${code}`,
    )
    return row?.path
  },

  /** The names of grids by id, for an export's 所属网格 column. */
  async gridNames(ex: Executor, ids: string[]): Promise<Map<string, { code: string; name: string }>> {
    if (ids.length === 0) return new Map()
    const rows = await queryRows<{ id: string; code: string; name: string }>(
      ex,
      sql`select id, code, name from grids where id = any(${`{${ids.join(',')}}`}::uuid[])`,
    )
    return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name }]))
  },
}
