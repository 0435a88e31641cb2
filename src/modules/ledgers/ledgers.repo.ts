import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'
import { andPathWithin } from '../../db/scope-sql'

/** Look-ups every ledger shares. */
export const ledgersRepo = {
  /** A current grid by its code (null: none, or retired). */
  async currentGrid(ex: Executor, code: string) {
    const [row] = await queryRows<{ id: string; code: string; path: string }>(
      ex,
      sql`select id, code, path::text as path from grids where code = ${code} and valid_to is null`,
    )
    return row ?? null
  },

  /** A current grid's path by code, within the reader's subtrees (null: not there, or not theirs). */
  async gridPath(ex: Executor, code: string, within: string[] | null): Promise<string | null> {
    const [row] = await queryRows<{ path: string }>(
      ex,
      sql`select path::text as path from grids g where code = ${code} ${andPathWithin(sql`g.path`, within)}`,
    )
    return row?.path ?? null
  },

  /** Names and codes of grids by id, for views. */
  async gridsByIds(ex: Executor, ids: readonly string[]) {
    if (!ids.length) return new Map<string, { code: string; name: string; path: string }>()
    const rows = await queryRows<{ id: string; code: string; name: string; path: string }>(
      ex,
      sql`select id, code, name, path::text as path from grids where id = any(${`{${[...new Set(ids)].join(',')}}`}::uuid[])`,
    )
    return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name, path: r.path }]))
  },
}
