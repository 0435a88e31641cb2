import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../db/database'
import type { VisitPolicy } from './codes.schema'

export interface CodeRow {
  code_table: string
  code: string
  zh: string
  en: string
  parent_code: string | null
  sort: number
  active: boolean
  shipped: boolean
}

const columns = sql`code_table, code, zh, en, parent_code, sort, active, shipped`

/** Every statement on the code tables 代码表 and the visit policies 走访周期. */
export const codesRepo = {
  /** The shipped codes written in one statement: new ones added, shipped ones renamed back, the rest left. */
  async syncShipped(ex: Executor, rows: readonly Omit<CodeRow, 'active' | 'shipped'>[]): Promise<void> {
    await ex.execute(sql`insert into ledger_codes (code_table, code, zh, en, parent_code, sort, shipped)
      select x.code_table, x.code, x.zh, x.en, x.parent_code, x.sort, true
      from json_to_recordset(${JSON.stringify(rows)}::json)
        as x(code_table text, code text, zh text, en text, parent_code text, sort int)
      on conflict (code_table, code) do update set zh = excluded.zh, en = excluded.en,
        parent_code = excluded.parent_code, sort = excluded.sort
      where ledger_codes.shipped`)
  },

  /** Visit policies added when missing, never overwritten. */
  async addMissingPolicies(ex: Executor, policies: readonly VisitPolicy[]): Promise<void> {
    const rows = policies.map((p) => ({
      group_code: p.groupCode,
      min_attention: p.minAttention,
      every_days: p.everyDays,
    }))
    await ex.execute(sql`insert into visit_policies (group_code, min_attention, every_days)
      select x.group_code, x.min_attention, x.every_days
      from json_to_recordset(${JSON.stringify(rows)}::json) as x(group_code text, min_attention int, every_days int)
      on conflict do nothing`)
  },

  list(ex: Executor, table?: string): Promise<CodeRow[]> {
    const where = table ? sql`where code_table in (${table}, '_tables') ` : sql``
    return queryRows(ex, sql`select ${columns} from ledger_codes ${where}order by code_table, sort, code`)
  },

  async find(ex: Executor, table: string, code: string): Promise<CodeRow | undefined> {
    const [row] = await queryRows<CodeRow>(
      ex,
      sql`select ${columns} from ledger_codes where code_table = ${table} and code = ${code}`,
    )
    return row
  },

  async insert(ex: Executor, row: Omit<CodeRow, 'active' | 'shipped'>): Promise<boolean> {
    const rows = await queryRows(
      ex,
      sql`insert into ledger_codes (code_table, code, zh, en, parent_code, sort, active, shipped)
        values (${row.code_table}, ${row.code}, ${row.zh}, ${row.en}, ${row.parent_code}, ${row.sort}, true, false)
        on conflict do nothing returning code`,
    )
    return rows.length === 1
  },

  async nextSort(ex: Executor, table: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      ex,
      sql`select coalesce(max(sort), -1)::int + 1 as n from ledger_codes where code_table = ${table}`,
    )
    return row?.n ?? 0
  },

  async update(
    ex: Executor,
    table: string,
    code: string,
    patch: { zh?: string; en?: string; sort?: number; active?: boolean },
  ): Promise<void> {
    const sets = [
      patch.zh === undefined ? null : sql`zh = ${patch.zh}`,
      patch.en === undefined ? null : sql`en = ${patch.en}`,
      patch.sort === undefined ? null : sql`sort = ${patch.sort}`,
      patch.active === undefined ? null : sql`active = ${patch.active}`,
      // A renamed shipped code is the deployment's own from now on: start-up no longer gives its name back.
      patch.zh === undefined && patch.en === undefined ? null : sql`shipped = false`,
    ].filter((s) => s !== null)
    await ex.execute(
      sql`update ledger_codes set ${sql.join(sets, sql`, `)} where code_table = ${table} and code = ${code}`,
    )
  },

  policies(ex: Executor): Promise<VisitPolicy[]> {
    return queryRows(
      ex,
      sql`select group_code as "groupCode", min_attention as "minAttention", every_days as "everyDays"
        from visit_policies order by group_code, min_attention`,
    )
  },

  async replacePolicies(ex: Executor, policies: readonly VisitPolicy[]): Promise<void> {
    await ex.execute(sql`delete from visit_policies`)
    if (policies.length === 0) return
    const rows = policies.map((p) => ({ g: p.groupCode, a: p.minAttention, d: p.everyDays }))
    await ex.execute(sql`insert into visit_policies (group_code, min_attention, every_days)
      select x.g, x.a, x.d from json_to_recordset(${JSON.stringify(rows)}::json) as x(g text, a int, d int)`)
  },
}
