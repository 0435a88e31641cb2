import { type SQL, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../db/database'
import type { CalendarDay, DayKind } from '../calendar/calendar'
import type { CategoryRow, ExtraField, FilingStandard } from '../categories/categories.types'

export interface CategoryConfigRow {
  code: string
  catalogue: 'city' | 'social'
  parent_code: string | null
  name_zh: string
  name_en: string
  legacy: string[]
  standard: FilingStandard | null
  fields: ExtraField[]
  active: boolean
  is_public: boolean
  edited: boolean
  updated_at: Date | string
}

export interface RouteRow {
  id: string
  grid_path: string
  grid_code: string | null
  grid_name: string | null
  grid_retired: boolean
  category_prefix: string
  category_zh: string | null
  category_en: string | null
  department_code: string | null
  department_name: string | null
  level: string | null
  created_at: Date | string
}

/** A routing rule as the intake's in-memory copy holds it. */
export interface RouteRule {
  grid_path: string
  category_prefix: string
  department_id: string | null
  level: string | null
}

const categoryColumns = sql.raw(
  'code, catalogue, parent_code, name_zh, name_en, legacy, standard, fields, active, is_public, edited, updated_at',
)

const routeSelect = sql`select r.id, r.grid_path::text as grid_path, g.code as grid_code, g.name as grid_name,
    (g.valid_to is not null) as grid_retired, r.category_prefix, k.name_zh as category_zh,
    k.name_en as category_en, d.code as department_code, d.name as department_name, r.level, r.created_at
  from case_routes r
  left join grids g on g.path = r.grid_path
  left join case_categories k on k.code = r.category_prefix
  left join departments d on d.id = r.department_id`

/** The statements of category, routing and calendar configuration (tables of the cases module). */
export const configRepo = {
  /** Every category, big classes before their small classes (code order). */
  async categories(ex: Executor): Promise<CategoryConfigRow[]> {
    return queryRows(ex, sql`select ${categoryColumns} from case_categories order by code`)
  },

  async category(ex: Executor, code: string): Promise<CategoryConfigRow | undefined> {
    const [row] = await queryRows<CategoryConfigRow>(
      ex,
      sql`select ${categoryColumns} from case_categories where code = ${code}`,
    )
    return row
  },

  /** A deployment's change: marked edited, so start-up sync leaves it alone. */
  async updateCategory(
    ex: Executor,
    code: string,
    patch: {
      name_zh: string
      name_en: string
      active: boolean
      is_public: boolean
      standard: FilingStandard | null
    },
  ): Promise<void> {
    await ex.execute(sql`update case_categories set name_zh = ${patch.name_zh}, name_en = ${patch.name_en},
      active = ${patch.active}, is_public = ${patch.is_public}, standard = ${patch.standard === null ? null : JSON.stringify(patch.standard)}::jsonb,
      edited = true, updated_at = now() where code = ${code}`)
  },

  /** A local extension class (edited from the start: no shipped version may ever overwrite it). */
  async insertCategory(
    ex: Executor,
    row: {
      code: string
      catalogue: string
      parent_code: string | null
      name_zh: string
      name_en: string
      active: boolean
      is_public: boolean
      standard: FilingStandard | null
    },
  ): Promise<boolean> {
    const inserted = await queryRows<{ code: string }>(
      ex,
      sql`insert into case_categories (code, catalogue, parent_code, name_zh, name_en, standard, active, is_public, edited)
        values (${row.code}, ${row.catalogue}, ${row.parent_code}, ${row.name_zh}, ${row.name_en},
          ${row.standard === null ? null : JSON.stringify(row.standard)}::jsonb, ${row.active}, ${row.is_public}, true)
        on conflict (code) do nothing returning code`,
    )
    return inserted.length === 1
  },

  /** Hands a shipped class back to start-up sync (which then writes the shipped version). */
  async unmarkEdited(ex: Executor, code: string): Promise<void> {
    await ex.execute(
      sql`update case_categories set edited = false, active = true, updated_at = now() where code = ${code}`,
    )
  },

  /** Routing rules within any of these subtrees (null: all of them), deepest grid and longest prefix first. */
  async routes(ex: Executor, within: string[] | null): Promise<RouteRow[]> {
    if (within !== null && within.length === 0) return []
    const filter =
      within === null
        ? sql``
        : sql`where r.grid_path <@ array[${sql.join(
            within.map((p) => sql`${p}`),
            sql`, `,
          )}]::ltree[]`
    return queryRows(
      ex,
      sql`${routeSelect} ${filter} order by r.grid_path, length(r.category_prefix), r.category_prefix`,
    )
  },

  async route(ex: Executor, id: string): Promise<RouteRow | undefined> {
    const [row] = await queryRows<RouteRow>(ex, sql`${routeSelect} where r.id = ${id}`)
    return row
  },

  async routeExists(ex: Executor, gridPath: string, categoryPrefix: string): Promise<boolean> {
    const [row] = await queryRows<{ found: boolean }>(
      ex,
      sql`select exists (select 1 from case_routes where grid_path = ${gridPath}::ltree
        and category_prefix = ${categoryPrefix}) as found`,
    )
    return !!row?.found
  },

  async insertRoute(
    ex: Executor,
    row: {
      id: string
      grid_path: string
      category_prefix: string
      department_id: string | null
      level: string | null
    },
  ): Promise<void> {
    await ex.execute(sql`insert into case_routes (id, grid_path, category_prefix, department_id, level)
      values (${row.id}, ${row.grid_path}::ltree, ${row.category_prefix}, ${row.department_id}, ${row.level})`)
  },

  async deleteRoute(ex: Executor, id: string): Promise<void> {
    await ex.execute(sql`delete from case_routes where id = ${id}`)
  },

  async departmentByCode(ex: Executor, code: string): Promise<{ id: string } | undefined> {
    const [row] = await queryRows<{ id: string }>(ex, sql`select id from departments where code = ${code}`)
    return row
  },

  /** Days set through the API, by date. */
  async calendarDays(ex: Executor): Promise<CalendarDay[]> {
    return queryRows(ex, sql`select date, kind, name from calendar_days order by date`)
  },

  async calendarDay(ex: Executor, date: string): Promise<CalendarDay | undefined> {
    const [row] = await queryRows<CalendarDay>(
      ex,
      sql`select date, kind, name from calendar_days where date = ${date}`,
    )
    return row
  },

  async setCalendarDay(ex: Executor, day: { date: string; kind: DayKind; name: string }): Promise<void> {
    await ex.execute(sql`insert into calendar_days (date, kind, name) values (${day.date}, ${day.kind}, ${day.name})
      on conflict (date) do update set kind = excluded.kind, name = excluded.name, updated_at = now()`)
  },

  async deleteCalendarDay(ex: Executor, date: string): Promise<boolean> {
    const rows = await queryRows<{ date: string }>(
      ex,
      sql`delete from calendar_days where date = ${date} returning date`,
    )
    return rows.length === 1
  },

  /** The configuration's version: every change to categories or routes moves it on. */
  async version(ex: Executor): Promise<number> {
    const [row] = await queryRows<{ version: number }>(
      ex,
      sql`select version from case_config_changes where id = 1`,
    )
    return Number(row?.version ?? 0)
  },

  /** Every category as the intake's in-memory copy holds it. */
  cachedCategories(ex: Executor): Promise<CategoryRow[]> {
    return queryRows<CategoryRow>(
      ex,
      sql`select code, catalogue, parent_code, name_zh, name_en, standard, active from case_categories`,
    )
  },

  /** Every routing rule as the intake's in-memory copy holds it. */
  cachedRoutes(ex: Executor): Promise<RouteRule[]> {
    return queryRows<RouteRule>(
      ex,
      sql`select grid_path::text as grid_path, category_prefix, department_id, level from case_routes`,
    )
  },

  /** A condition for a statement: the configuration is still at this version. */
  unchangedSince(version: number): SQL {
    return sql`coalesce((select version from case_config_changes where id = 1) = ${version}, false)`
  },

  /** Copies a grid's routing rules to another grid (a rule already there is kept). */
  async copyRoutes(ex: Executor, fromPath: string, toPath: string): Promise<void> {
    await ex.execute(sql`insert into case_routes (id, grid_path, category_prefix, department_id, level)
        select gen_random_uuid(), ${toPath}::ltree, category_prefix, department_id, level
        from case_routes where grid_path = ${fromPath}::ltree
        on conflict (grid_path, category_prefix) do nothing`)
  },

  async deleteRoutesOf(ex: Executor, gridPath: string): Promise<void> {
    await ex.execute(sql`delete from case_routes where grid_path = ${gridPath}::ltree`)
  },
}
