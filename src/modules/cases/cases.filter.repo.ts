import { type SQL, sql } from 'drizzle-orm'
import { likeContains, likeStartsWith } from '../../lib/like'
import { closedStatesSql } from './cases.nearby.repo'

/** What narrows the cases (alias `c`) of a list, a queue count or an export; every member is ANDed. */
export interface CaseFilter {
  /** A queue's states. */
  states?: string[]
  /** The state filter, besides a queue's states. */
  state?: string
  unowned?: boolean
  supervised?: boolean
  /** Past the running stage's deadline at this instant (or, with `overdue: false`, not). */
  overdueAt?: Date
  overdue?: boolean
  category?: string
  /** Located in this grid's subtree. */
  gridPath?: string
  reportedFrom?: Date
  reportedBefore?: Date
  /** A case number's beginning, or text in the description or address (matched as typed: no wildcards). */
  text?: string
  /** Located in this box: west, south, east, north (WGS-84). */
  bbox?: [number, number, number, number]
  /** Reported through this channel (worker, resident, hotline …). */
  source?: string
  /** Still in the loop (not closed, rejected, merged or voided). */
  open?: boolean
}

/** The running stage of a case is past its deadline at `at`. */
export const overdueSql = (at: Date) => sql`((c.state = 'reported' and c.accept_due < ${at})
  or (c.state in ('accepted', 'dispatched', 'in_progress', 'reopened', 'returned', 'escalated') and c.handle_due < ${at})
  or (c.state = 'handled' and c.verify_due < ${at}))`

const inList = (values: string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )

/** The filter as SQL conditions over `cases c`. */
export function filterConditions(f: CaseFilter): SQL[] {
  const conditions: SQL[] = []
  if (f.states) conditions.push(sql`c.state in (${inList(f.states)})`)
  if (f.state) conditions.push(sql`c.state = ${f.state}`)
  if (f.unowned) conditions.push(sql`c.owner_path is null and c.department_id is null`)
  if (f.supervised) conditions.push(sql`c.supervision is not null and c.state not in (${closedStatesSql})`)
  if (f.overdueAt)
    conditions.push(
      f.overdue === false ? sql`${overdueSql(f.overdueAt)} is not true` : overdueSql(f.overdueAt),
    )
  if (f.category) conditions.push(likeStartsWith(sql.raw('c.category_code'), f.category))
  if (f.gridPath !== undefined) conditions.push(sql`c.grid_path <@ ${f.gridPath}::ltree`)
  if (f.reportedFrom) conditions.push(sql`c.reported_at >= ${f.reportedFrom}`)
  if (f.reportedBefore) conditions.push(sql`c.reported_at < ${f.reportedBefore}`)
  if (f.bbox)
    conditions.push(
      sql`c.location && ST_MakeEnvelope(${f.bbox[0]}, ${f.bbox[1]}, ${f.bbox[2]}, ${f.bbox[3]}, 4326)`,
    )
  if (f.source) conditions.push(sql`c.source = ${f.source}`)
  if (f.open) conditions.push(sql`c.state not in (${closedStatesSql})`)
  if (f.text)
    conditions.push(sql`(${likeStartsWith(sql.raw('c.no'), f.text, { ilike: true })}
      or ${likeContains(sql.raw('c.description'), f.text, { ilike: true })}
      or ${likeContains(sql.raw('c.address'), f.text, { ilike: true })})`)
  return conditions
}

/** The conditions joined with AND (`true` when there are none). */
export const whereOf = (f: CaseFilter): SQL => sql.join([sql`true`, ...filterConditions(f)], sql` and `)
