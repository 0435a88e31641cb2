import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../db/database'
import type { GpsPoint } from './exif'

export interface AttachmentRow {
  id: string
  case_id: string
  content_type: string
  size: number
  sha256: string
  /** Relative to the attachments directory. */
  path: string
  public_path: string | null
  exif_lng: number | null
  exif_lat: number | null
  uploaded_by_name: string | null
  by_reporter: boolean
  shown_to_reporter: boolean
  created_at: Date
}

const columns = sql.raw(`a.id, a.case_id, a.content_type, a.size, a.sha256, a.path, a.public_path,
  ST_X(a.exif_location) as exif_lng, ST_Y(a.exif_location) as exif_lat, u.display_name as uploaded_by_name,
  a.by_reporter, a.shown_to_reporter, a.created_at`)
const fromAttachments = sql.raw('case_attachments a left join users u on u.id = a.uploaded_by')

export const attachmentsRepo = {
  async insert(
    ex: Executor,
    a: {
      id: string
      case_id: string
      content_type: string
      size: number
      sha256: string
      path: string
      public_path: string | null
      exif: GpsPoint | null
      uploaded_by: string | null
      byReporter: boolean
      shownToReporter: boolean
      created_at: Date
    },
  ): Promise<void> {
    const exif = a.exif ? sql`ST_SetSRID(ST_MakePoint(${a.exif.lng}, ${a.exif.lat}), 4326)` : sql`null`
    await ex.execute(sql`insert into case_attachments (id, case_id, content_type, size, sha256, path, public_path,
        exif_location, uploaded_by, by_reporter, shown_to_reporter, created_at)
      values (${a.id}, ${a.case_id}, ${a.content_type}, ${a.size}, ${a.sha256}, ${a.path}, ${a.public_path},
        ${exif}, ${a.uploaded_by}, ${a.byReporter}, ${a.shownToReporter}, ${a.created_at})`)
  },

  /** Photos shown to the reporter on the tracking page, oldest first. */
  async listShownToReporter(ex: Executor, caseId: string): Promise<AttachmentRow[]> {
    return queryRows(
      ex,
      sql`select ${columns} from ${fromAttachments}
        where a.case_id = ${caseId} and a.shown_to_reporter and a.content_type like 'image/%'
        order by a.created_at, a.id`,
    )
  },

  /**
   * Photos the reporter sent to a case; with `lock`, under the case row's lock (taken inside a
   * transaction, held to its end), so concurrent uploads are counted one after another.
   */
  async countByReporter(ex: Executor, caseId: string, opts: { lock: boolean }): Promise<number> {
    if (opts.lock) await ex.execute(sql`select 1 from cases where id = ${caseId} for update`)
    const [row] = await queryRows<{ n: number }>(
      ex,
      sql`select count(*)::int as n from case_attachments where case_id = ${caseId} and by_reporter`,
    )
    return row?.n ?? 0
  },

  async list(ex: Executor, caseId: string): Promise<AttachmentRow[]> {
    return queryRows(
      ex,
      sql`select ${columns} from ${fromAttachments} where a.case_id = ${caseId} order by a.created_at, a.id`,
    )
  },

  async find(ex: Executor, caseId: string, id: string): Promise<AttachmentRow | undefined> {
    const [row] = await queryRows<AttachmentRow>(
      ex,
      sql`select ${columns} from ${fromAttachments} where a.case_id = ${caseId} and a.id = ${id}`,
    )
    return row
  },

  /** Keeps the public copy made for a row that had none. */
  async setPublicPath(ex: Executor, id: string, path: string): Promise<void> {
    await ex.execute(sql`update case_attachments set public_path = ${path} where id = ${id}`)
  },

  /** Images (not PDFs) attached to a case at or after a time. */
  async countImagesSince(
    ex: Executor,
    caseId: string,
    since: Date,
    uploadedBy?: string | null,
  ): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      ex,
      sql`select count(*)::int as n from case_attachments
        where case_id = ${caseId} and content_type like 'image/%' and created_at >= ${since}
          ${uploadedBy === undefined ? sql`` : sql`and uploaded_by is not distinct from ${uploadedBy}`}`,
    )
    return row?.n ?? 0
  },
}
