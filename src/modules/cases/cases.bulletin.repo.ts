import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'
import { andUnderAny } from '../../db/scope-sql'
import { overdueSql } from './cases.filter.repo'

/** A case as a bulletin 通报 names it: its number, class, grid and department, never its words or people. */
export interface BulletinCase {
  no: string
  category_zh: string | null
  category_en: string | null
  grid_name: string | null
  department: string | null
  /** The running stage's deadline (overdue), or when it was closed (praised). */
  at: string
}

const COLUMNS = sql`c.no, k.name_zh as category_zh, k.name_en as category_en,
  (select g.name from grids g where g.path = c.grid_path and g.valid_to is null limit 1) as grid_name,
  (select d.name from departments d where d.id = c.department_id) as department`

/**
 * Statements for what other modules print of the cases: overdue cases now (a bulletin's list, the
 * big screen's count), the five-star closures of a period.
 */
export const bulletinCasesRepo = {
  /**
   * Cases past their running stage's deadline now 超期 (what the inbox's `overdueSql` finds), under any
   * of the paths: the deadline of the stage each clocked state runs, as `cases_running_due_idx` holds
   * it, so only the cases already past it are read (with their paths, from the index). With `since`,
   * only those whose deadline passed since then (a range of the index: today's, say).
   */
  async overdueCount(ex: Executor, paths: string[], now: Date, since?: Date): Promise<number> {
    const due = sql`(case c.state when 'reported' then c.accept_due when 'handled' then c.verify_due else c.handle_due end)`
    const [row] = await queryRows<{ n: number }>(
      ex,
      sql`select count(*)::int as n from cases c
        where c.state in ('reported', 'accepted', 'dispatched', 'in_progress', 'reopened', 'returned', 'escalated', 'handled')
          and ${due} < ${now} ${since ? sql`and ${due} >= ${since}` : sql``}
          ${andUnderAny('c.grid_path', paths)}`,
    )
    return row?.n ?? 0
  },

  async overdue(ex: Executor, path: string, at: Date, limit: number) {
    const within = path === '' ? sql`true` : sql`c.grid_path <@ ${path}::ltree`
    const [total] = await queryRows<{ n: number }>(
      ex,
      sql`select count(*)::int as n from cases c where ${within} and ${overdueSql(at)}`,
    )
    const items = await queryRows<BulletinCase>(
      ex,
      sql`select ${COLUMNS}, (case c.state when 'reported' then c.accept_due when 'handled' then c.verify_due
          else c.handle_due end) as at
        from cases c left join case_categories k on k.code = c.category_code
        where ${within} and ${overdueSql(at)} order by at limit ${limit}`,
    )
    return { total: total?.n ?? 0, items }
  },

  praised(ex: Executor, path: string, from: Date, to: Date, limit: number) {
    const within = path === '' ? sql`true` : sql`c.grid_path <@ ${path}::ltree`
    return queryRows<BulletinCase>(
      ex,
      sql`select ${COLUMNS}, c.closed_at as at
        from cases c left join case_categories k on k.code = c.category_code
        where ${within} and c.state = 'closed' and c.rating = 5 and c.closed_at >= ${from} and c.closed_at < ${to}
        order by c.closed_at desc limit ${limit}`,
    )
  },
}
