import { sql } from 'drizzle-orm'
import type { Database } from '../../db/database'
import { appliedMigrationCount } from '../../db/migrate'

export const systemRepo = {
  /** The number of migrations applied; throws when the database does not answer. */
  async appliedMigrations(database: Database): Promise<number> {
    await database.db.execute(sql`select 1`)
    return appliedMigrationCount(database)
  },
}
