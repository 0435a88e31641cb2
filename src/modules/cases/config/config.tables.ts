import { integer, pgTable } from 'drizzle-orm/pg-core'

/**
 * One row whose version every statement changing categories or routes bumps (a trigger, see the
 * migration): serving nodes compare it with the version their in-memory copy was read at.
 */
export const caseConfigChanges = pgTable('case_config_changes', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull().default(0),
})
