import { type SQL, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'
import { type CaseFilter, filterConditions, whereOf } from './cases.filter.repo'
import { type ReadScope, scopedCases } from './cases.repo'

/** The inbox's reads besides the list: the count of each queue, and the grids an export names. */
export const inboxRepo = {
  /**
   * How many of the reader's filtered cases each arm holds, and when its oldest was reported, in one
   * pass over them: the cases are selected once within the scope (as the lists are), then each arm's
   * conditions count their own.
   */
  async count<K extends string>(
    ex: Executor,
    base: CaseFilter,
    arms: Record<K, CaseFilter>,
    scope: ReadScope,
    reporterId: string | null,
  ): Promise<{ counts: Record<K | 'all', number>; oldest: Record<K, string | null> }> {
    const keys = Object.keys(arms) as K[]
    const columns: SQL[] = keys.flatMap((key) => {
      const test = sql.join([sql`true`, ...filterConditions(arms[key])], sql` and `)
      return [
        sql`count(*) filter (where ${test})::int as ${sql.identifier(key)}`,
        sql`min(c.reported_at) filter (where ${test}) as ${sql.identifier(`${key}.oldest`)}`,
      ]
    })
    const cases = scopedCases(sql.raw('c.*'), whereOf(base), scope, reporterId)
    const [row] = await queryRows<Record<string, number | Date | string | null>>(
      ex,
      sql`select count(*)::int as "all", ${sql.join(columns, sql`, `)} from (${cases}) c`,
    )
    const at = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString())
    return {
      counts: Object.fromEntries([['all', row?.all], ...keys.map((k) => [k, row?.[k]])]) as Record<
        K | 'all',
        number
      >,
      oldest: Object.fromEntries(keys.map((k) => [k, at(row?.[`${k}.oldest`])])) as Record<K, string | null>,
    }
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
