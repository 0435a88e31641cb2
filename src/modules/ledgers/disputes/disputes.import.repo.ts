import { sql } from 'drizzle-orm'
import { pgTextArray } from '../../../db/arrays'
import { type Executor, queryRows } from '../../../db/database'
import { andPathWithin } from '../../../db/scope-sql'

/** The statements an import of disputes runs per batch (one each, whatever the batch's size). */
export const disputesImportRepo = {
  /** Events of the case module by number, those within these subtrees only (null: everywhere). */
  async casesByNos(
    ex: Executor,
    nos: readonly string[],
    within: string[] | null,
  ): Promise<Map<string, string>> {
    if (nos.length === 0 || within?.length === 0) return new Map()
    const rows = await queryRows<{ id: string; no: string }>(
      ex,
      sql`select c.id, c.no from cases c where c.no = any(${pgTextArray([...new Set(nos)])}::text[])
        ${andPathWithin(sql`c.grid_path`, within)}`,
    )
    return new Map(rows.map((r) => [r.no, r.id]))
  },
}
