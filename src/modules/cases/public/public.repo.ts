import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../db/database'

/** What the tracking page needs of a case, with the digest its token is checked against. */
export interface TrackedRow {
  id: string
  no: string
  version: number
  state: string
  category_code: string
  category_zh: string
  category_en: string
  address: string | null
  reported_at: Date
  rating: number | null
  rating_text: string | null
  tracking_token_hash: string | null
}

/** The encrypted contact of a case's reporter and the grids that decide who may see it in clear. */
export interface ReporterRow {
  no: string
  reporter_contact: string | null
  grid_path: string | null
  owner_path: string | null
}

/** The public channel's own statements on the cases tables (the loop itself goes through the cases service). */
export const publicRepo = {
  async byNo(ex: Executor, no: string): Promise<TrackedRow | undefined> {
    const [row] = await queryRows<TrackedRow>(
      ex,
      sql`select c.id, c.no, c.version, c.state, c.category_code, k.name_zh as category_zh, k.name_en as category_en,
          c.address, c.reported_at, c.rating, c.rating_text, c.tracking_token_hash
        from cases c join case_categories k on k.code = c.category_code where c.no = ${no}`,
    )
    return row
  },

  async reporter(ex: Executor, id: string): Promise<ReporterRow | undefined> {
    const [row] = await queryRows<ReporterRow>(
      ex,
      sql`select no, reporter_contact, grid_path::text as grid_path, owner_path::text as owner_path
        from cases where id = ${id}`,
    )
    return row
  },

  /** The reporter's consent to publication, as staff recorded it. */
  async setPublishConsent(ex: Executor, id: string, publish: boolean): Promise<void> {
    await ex.execute(sql`update cases set publish_consent = ${publish}, updated_at = now() where id = ${id}`)
  },

  /** The words of the latest rating, beside the timeline row that also keeps them. */
  async setRatingText(ex: Executor, id: string, text: string | null): Promise<void> {
    await ex.execute(sql`update cases set rating_text = ${text}, updated_at = now() where id = ${id}`)
  },
}
