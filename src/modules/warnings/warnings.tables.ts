import { sql } from 'drizzle-orm'
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, geometry, ltree, updatedAt } from '../../db/types'
import { users } from '../auth/auth.tables'
import { cases } from '../cases/cases.tables'

/**
 * An early warning 预警: what a rule saw (its inputs kept whole, so a reader can judge it), where,
 * and what became of it. One per rule, scope and window (`dedup_key`): a rule that sees the same
 * thing again updates the open warning instead of raising another.
 */
export const warnings = pgTable(
  'warnings',
  {
    id: uuid('id').primaryKey(),
    /** The rule that raised it (warnings.rules.ts): `rise`, `gradual_rise`, `hotspot`, `repeat_place` … */
    rule: text('rule').notNull(),
    /** The grid subtree it concerns (its readers are those who see that subtree). */
    scopePath: ltree('scope_path').notNull(),
    /** `rule|scope|window`: the same warning is raised once. */
    dedupKey: text('dedup_key').notNull(),
    /** `red` (act now) or `yellow` (watch). */
    level: text('level').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    /** A category's code or big class, when the rule is about one. */
    categoryCode: text('category_code'),
    location: geometry('location', 'Point'),
    /** What the rule measured: baseline, count, p-value, the cases behind it … */
    inputs: jsonb('inputs').notNull(),
    /** open 待处理, acknowledged 已知悉, dismissed 已排除, converted 已转事件. */
    state: text('state').notNull().default('open'),
    handledBy: uuid('handled_by').references(() => users.id),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    /** Why it was dismissed or acknowledged. */
    reason: text('reason'),
    /** The case it became (converted), or the case a supervision was put on. */
    caseId: uuid('case_id').references(() => cases.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('warnings_dedup_key').on(t.dedupKey),
    index('warnings_scope_gist').using('gist', t.scopePath),
    index('warnings_open_idx').on(t.createdAt).where(sql`${t.state} = 'open'`),
  ],
)
