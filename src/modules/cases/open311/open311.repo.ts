import { type SQL, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../db/database'
import { PUBLIC_SOCIAL_CLASSES } from '../cases.publication'
import { CLOSED_STATES } from '../cases.states'
import type { ExtraField, FilingStandard } from '../categories/categories.types'

/**
 * The read queries of the Open311 channel over the cases tables. Every statement names its columns:
 * nothing here reads a reporter's contact, the reporter's own words, a private note or an actor.
 */

export interface ServiceRow {
  code: string
  catalogue: string
  name_zh: string
  name_en: string
  legacy: string[]
  standard: FilingStandard
  fields: ExtraField[]
  group_zh: string | null
}

export interface RequestRow {
  id: string
  no: string
  state: string
  category_code: string
  catalogue: string
  service_name: string
  standard: FilingStandard | null
  /** The first public text staff wrote: what the public is told the case is about. */
  approved_text: string | null
  address: string | null
  /** The community the case lies in: published instead of an address naming no road or estate. */
  community_name: string | null
  lng: number | null
  lat: number | null
  department_name: string | null
  accept_due: Date | null
  handle_due: Date | null
  verify_due: Date | null
  reported_at: Date
  /** The last timeline row's time, and when it last entered a closed state. */
  last_at: Date | null
  closed_at: Date | null
  /** The last public text staff wrote. */
  status_notes: string | null
}

export interface NoteRow {
  case_id: string
  action: string
  to_state: string
  at: Date
  public_text: string | null
}

export interface RequestFilter {
  nos?: string[]
  codes?: string[]
  from?: Date
  to?: Date
  status?: 'open' | 'closed'
}

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )

/** The categories this channel takes reports under: the same rule as the public report page. */
const publicCategory = sql`(k.catalogue = 'city' or (k.catalogue = 'social' and substr(k.code, 1, 2) in (${list(
  PUBLIC_SOCIAL_CLASSES,
)})))`

const closed = list(CLOSED_STATES)

/**
 * The cases anyone may read: of a category marked public, and whose reporter agreed (or staff
 * decided) to publish. Every anonymous read of a case, a list or one number, goes through it.
 */
const published = sql`(k.is_public and c.publish_consent)`

/**
 * Public text is what staff answer a reporter; a reporter's own remarks and ratings (role `resident`)
 * may hold their name or number and are not published.
 */
const publishedText = sql`t.public_text is not null and t.actor_role <> 'resident' and t.action <> 'rate'`

export const open311Repo = {
  /** Active small classes with their big class's name, in code order. */
  async services(ex: Executor, code?: string): Promise<ServiceRow[]> {
    return queryRows<ServiceRow>(
      ex,
      sql`select k.code, k.catalogue, k.name_zh, k.name_en, k.legacy, k.standard, k.fields, b.name_zh as group_zh
        from case_categories k left join case_categories b on b.code = k.parent_code
        where k.standard is not null and k.active and ${publicCategory}
          ${code === undefined ? sql`` : sql`and k.code = ${code}`}
        order by k.code`,
    )
  },

  async requests(ex: Executor, f: RequestFilter, limit: number, offset: number): Promise<RequestRow[]> {
    const conditions: SQL[] = [published]
    if (f.nos) conditions.push(f.nos.length ? sql`c.no in (${list(f.nos)})` : sql`false`)
    if (f.codes?.length) conditions.push(sql`c.category_code in (${list(f.codes)})`)
    if (f.from) conditions.push(sql`c.reported_at >= ${f.from}`)
    if (f.to) conditions.push(sql`c.reported_at <= ${f.to}`)
    if (f.status === 'open') conditions.push(sql`c.state not in (${closed})`)
    if (f.status === 'closed') conditions.push(sql`c.state in (${closed})`)
    return queryRows<RequestRow>(
      ex,
      sql`select c.id, c.no, c.state, c.category_code, k.catalogue, k.name_zh as service_name, k.standard,
          (select t.public_text from case_transitions t where t.case_id = c.id and ${publishedText}
            order by t.at, t.id limit 1) as approved_text, c.address,
          (select g.name from grids g where g.level = 'community' and g.path @> c.grid_path
            order by nlevel(g.path) desc limit 1) as community_name, ST_X(c.location) as lng, ST_Y(c.location) as lat, d.name as department_name,
          c.accept_due, c.handle_due, c.verify_due, c.reported_at,
          (select max(t.at) from case_transitions t where t.case_id = c.id) as last_at,
          (select max(t.at) from case_transitions t where t.case_id = c.id and t.to_state in (${closed})
            and (t.from_state is null or t.from_state not in (${closed}))) as closed_at,
          (select t.public_text from case_transitions t where t.case_id = c.id and ${publishedText}
            order by t.at desc, t.id desc limit 1) as status_notes
        from cases c join case_categories k on k.code = c.category_code
          left join departments d on d.id = c.department_id
        where ${sql.join(conditions, sql` and `)}
        order by c.reported_at desc, c.id desc
        limit ${limit} offset ${offset}`,
    )
  },

  /**
   * The public history of some cases: each change of state, and each public answer, with its time.
   * A remark without a public text and without a change of state tells the public nothing.
   */
  async notes(ex: Executor, caseIds: string[]): Promise<NoteRow[]> {
    if (caseIds.length === 0) return []
    return queryRows<NoteRow>(
      ex,
      sql`select t.case_id, t.action, t.to_state, t.at,
          case when ${publishedText} then t.public_text end as public_text
        from case_transitions t
        where t.case_id in (${sql.join(
          caseIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
          and (t.from_state is null or t.from_state <> t.to_state or (${publishedText}))
        order by t.at, t.id`,
    )
  },

  async exists(ex: Executor, no: string): Promise<boolean> {
    const rows = await queryRows<{ no: string }>(
      ex,
      sql`select c.no from cases c join case_categories k on k.code = c.category_code
        where c.no = ${no} and ${published}`,
    )
    return rows.length === 1
  },
}
