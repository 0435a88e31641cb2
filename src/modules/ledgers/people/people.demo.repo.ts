import { sql } from 'drizzle-orm'
import type { Executor } from '../../../db/database'

/** The demo's statements on the people ledger beyond the store's writes. */
export const peopleDemoRepo = {
  /** A person's membership of a special group since 2025-01-01, when the code table knows the group. */
  async addMembership(
    ex: Executor,
    m: { id: string; personId: string; gridId: string; gridPath: string; group: string },
  ) {
    await ex.execute(sql`insert into group_memberships (id, person_id, grid_id, grid_path, group_code, attention, starts_on)
      select ${m.id}, ${m.personId}, ${m.gridId}, ${m.gridPath}::ltree, ${m.group}, 2, date '2025-01-01'
      where exists (select 1 from ledger_codes where code_table = 'special_group' and code = ${m.group})`)
  },
}
