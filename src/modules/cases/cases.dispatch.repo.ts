import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'

/** What the dispatch options read beyond the case: a department's code and name (the `departments` table). */
export const dispatchRepo = {
  async department(ex: Executor, id: string): Promise<{ code: string; name: string } | undefined> {
    const [row] = await queryRows<{ code: string; name: string }>(
      ex,
      sql`select code, name from departments where id = ${id}`,
    )
    return row
  },
}
