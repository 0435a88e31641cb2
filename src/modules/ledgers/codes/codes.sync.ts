import { sql } from 'drizzle-orm'
import type { Executor } from '../../../db/database'
import { SHIPPED_CODES, SHIPPED_VISIT_POLICIES } from './codes.shipped'

/**
 * Keeps the shipped code tables in step with the code, in one statement each: new codes are added,
 * shipped ones get their names back; an administrator's own codes and de-activations stay. Visit
 * policies are added when missing and never overwritten (a deployment tunes them).
 */
export async function syncLedgerCodes(ex: Executor): Promise<void> {
  const rows = Object.entries(SHIPPED_CODES).flatMap(([table, { zh, en, rows }]) => [
    // Row 0 of each table names the table itself (shown as the table's title).
    { code_table: '_tables', code: table, zh, en, parent_code: null, sort: 0 },
    ...rows.map(([code, rowZh, rowEn, parent], sort) => ({
      code_table: table,
      code,
      zh: rowZh,
      en: rowEn,
      parent_code: parent ?? null,
      sort,
    })),
  ])
  await ex.execute(sql`insert into ledger_codes (code_table, code, zh, en, parent_code, sort, shipped)
    select x.code_table, x.code, x.zh, x.en, x.parent_code, x.sort, true
    from json_to_recordset(${JSON.stringify(rows)}::json)
      as x(code_table text, code text, zh text, en text, parent_code text, sort int)
    on conflict (code_table, code) do update set zh = excluded.zh, en = excluded.en,
      parent_code = excluded.parent_code, sort = excluded.sort
    where ledger_codes.shipped`)
  const policies = SHIPPED_VISIT_POLICIES.map(([group_code, min_attention, every_days]) => ({
    group_code,
    min_attention,
    every_days,
  }))
  await ex.execute(sql`insert into visit_policies (group_code, min_attention, every_days)
    select x.group_code, x.min_attention, x.every_days
    from json_to_recordset(${JSON.stringify(policies)}::json) as x(group_code text, min_attention int, every_days int)
    on conflict do nothing`)
}
