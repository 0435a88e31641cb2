import { sql } from 'drizzle-orm'
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt, geometry, ltree, updatedAt } from '../../db/types'

/**
 * The grid hierarchy: district → street → community → grid → micro-grid (the deployment's level
 * scheme), each with its code, its ltree path (one label per level) and its boundary. A retired or
 * split grid keeps its row with `valid_to` set: statistics of the past still find it.
 */
export const grids = pgTable(
  'grids',
  {
    id: uuid('id').primaryKey(),
    /** Parent code + own segment, digits only; unique for ever (a retired code is not reused). */
    code: text('code').notNull(),
    name: text('name').notNull(),
    level: text('level').notNull(),
    path: ltree('path').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => grids.id),
    /** 专属网格: a park, market, school … zoned as a grid of its own under a street or community. */
    exclusive: boolean('exclusive').notNull().default(false),
    sector: text('sector'),
    boundary: geometry('boundary', 'MultiPolygon').notNull(),
    households: integer('households'),
    population: integer('population'),
    /** 责任主体: the unit answerable for the grid. */
    responsibleUnit: text('responsible_unit'),
    validFrom: date('valid_from').notNull().defaultNow(),
    validTo: date('valid_to'),
    attributes: jsonb('attributes').notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('grids_code_key').on(t.code),
    uniqueIndex('grids_path_key').on(t.path),
    index('grids_path_gist').using('gist', t.path),
    index('grids_boundary_gist').using('gist', t.boundary),
    index('grids_parent_idx').on(t.parentId),
    // The coarse tiles (a city's districts and streets at zoom 9) ask for a few levels over a wide
    // box: this finds their few hundred grids instead of scanning every micro-grid.
    index('grids_current_level_idx').on(t.level).where(sql`valid_to is null`),
    check('grids_code_digits', sql`${t.code} ~ '^[0-9]+$'`),
    check(
      'grids_sector_check',
      sql`(${t.exclusive} and ${t.sector} is not null) or (not ${t.exclusive} and ${t.sector} is null)`,
    ),
    check('grids_counts_check', sql`coalesce(${t.households}, 0) >= 0 and coalesce(${t.population}, 0) >= 0`),
  ],
)

/**
 * What became of a grid: split into parts, merged into one, or re-coded under a new parent. Both
 * sides keep their rows; the predecessor is retired on `effective_on`.
 */
export const gridLineage = pgTable(
  'grid_lineage',
  {
    id: uuid('id').primaryKey(),
    predecessorId: uuid('predecessor_id')
      .notNull()
      .references(() => grids.id),
    successorId: uuid('successor_id')
      .notNull()
      .references(() => grids.id),
    kind: text('kind').notNull(),
    effectiveOn: date('effective_on').notNull(),
    reason: text('reason'),
    /** Who made the change, named as the audit log names them (null for rows older than the column). */
    recordedBy: text('recorded_by'),
    createdAt: createdAt(),
  },
  (t) => [
    index('grid_lineage_predecessor_idx').on(t.predecessorId),
    index('grid_lineage_successor_idx').on(t.successorId),
    check('grid_lineage_kind_check', sql`${t.kind} in ('split', 'merge', 'recode')`),
  ],
)

/** One row whose version a trigger bumps on every change to `grids` (see migration grid_changes). */
export const gridChanges = pgTable('grid_changes', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull().default(0),
})
