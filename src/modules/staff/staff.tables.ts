import { sql } from 'drizzle-orm'
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { bytea, createdAt } from '../../db/types'
import { roleGrants, users } from '../auth/auth.tables'
import { grids } from '../grids/grids.tables'

/** 职能部门: police, city management, civil affairs … with their parent department. */
export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** What kind of department it is (urban_management, police …: department-kinds.ts), for default routing. */
    kind: text('kind'),
    /** The department's duty phone (an office number, published; not a person's). */
    contactPhone: text('contact_phone'),
    parentId: uuid('parent_id').references((): AnyPgColumn => departments.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('departments_code_key').on(t.code)],
)

/** The grids a department serves. */
export const departmentGrids = pgTable(
  'department_grids',
  {
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    gridId: uuid('grid_id')
      .notNull()
      .references(() => grids.id),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.gridId] })],
)

/**
 * A post in a grid (网格长, 网格指导员, 专职网格员 …) held from/to a date by a user, or by a person
 * without an account. A user's post carries the grant of the matching role scoped to the grid.
 */
export const gridPosts = pgTable(
  'grid_posts',
  {
    id: uuid('id').primaryKey(),
    gridId: uuid('grid_id')
      .notNull()
      .references(() => grids.id),
    post: text('post').notNull(),
    userId: uuid('user_id').references(() => users.id),
    /** For a holder without an account; otherwise the user's display name is shown. */
    personName: text('person_name'),
    /** The work phone published on the grid's notice board. */
    workPhone: text('work_phone'),
    duties: text('duties'),
    validFrom: date('valid_from').notNull().defaultNow(),
    validTo: date('valid_to'),
    roleGrantId: uuid('role_grant_id').references(() => roleGrants.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('grid_posts_grid_idx').on(t.gridId),
    // The big screen's online rate: the posts held by an account (most micro-grid posts have none).
    index('grid_posts_accounts_idx').on(t.userId, t.gridId).where(sql`user_id is not null`),
    check('grid_posts_holder_check', sql`${t.userId} is not null or ${t.personName} is not null`),
  ],
)

/** The photo shown beside a post on the public notice board: a small JPEG encoded from the upload's pixels. */
export const gridPostPhotos = pgTable('grid_post_photos', {
  postId: uuid('post_id')
    .primaryKey()
    .references(() => gridPosts.id),
  contentType: text('content_type').notNull(),
  bytes: bytea('bytes').notNull(),
  /** SHA-256 of the bytes: the ETag of the public copy. */
  sha256: text('sha256').notNull(),
  /** False for a photo stored as uploaded, before photos were re-encoded: it is re-encoded when next served. */
  reencoded: boolean('reencoded').notNull().default(false),
  createdAt: createdAt(),
})
