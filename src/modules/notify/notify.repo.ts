import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'
import { uuidv7 } from '../../lib/ids'

export interface NotificationRow {
  id: string
  user_id: string
  kind: string
  subject: Record<string, unknown>
  title_zh: string
  title_en: string
  created_at: Date
  read_at: Date | null
}

/** What one notice says, the same for each user told. */
export interface Notice {
  kind: string
  subject: Record<string, unknown>
  titleZh: string
  titleEn: string
}

const COLUMNS = sql.raw('id, user_id, kind, subject, title_zh, title_en, created_at, read_at')

/** Six parameters a row: well inside a statement's limit. */
const ROWS_PER_INSERT = 5_000

export const notifyRepo = {
  /**
   * Each notice to each of its users, in one statement per ROWS_PER_INSERT (a statement's
   * parameters are limited to 65,535); answers the rows written.
   */
  async insertEach(
    ex: Executor,
    items: readonly { userIds: readonly string[]; notice: Notice }[],
  ): Promise<NotificationRow[]> {
    const values = items.flatMap(({ userIds, notice }) =>
      userIds.map(
        (u) =>
          sql`(${uuidv7()}, ${u}, ${notice.kind}, ${JSON.stringify(notice.subject)}::jsonb, ${notice.titleZh}, ${notice.titleEn})`,
      ),
    )
    const written: NotificationRow[] = []
    for (let i = 0; i < values.length; i += ROWS_PER_INSERT)
      written.push(
        ...(await queryRows<NotificationRow>(
          ex,
          sql`insert into notifications (id, user_id, kind, subject, title_zh, title_en)
            values ${sql.join(values.slice(i, i + ROWS_PER_INSERT), sql`, `)} returning ${COLUMNS}`,
        )),
      )
    return written
  },

  /** One notification of the notice per user; answers the rows written. */
  insertForUsers(ex: Executor, userIds: readonly string[], notice: Notice): Promise<NotificationRow[]> {
    return notifyRepo.insertEach(ex, [{ userIds, notice }])
  },

  /** A user's notifications, newest first, after the cursor (an id: ids are time-ordered). */
  async list(
    ex: Executor,
    userId: string,
    q: { unread: boolean; limit: number; cursor?: string },
  ): Promise<NotificationRow[]> {
    return queryRows<NotificationRow>(
      ex,
      sql`select ${COLUMNS} from notifications
        where user_id = ${userId} ${q.unread ? sql`and read_at is null` : sql``}
          ${q.cursor ? sql`and id < ${q.cursor}` : sql``}
        order by id desc limit ${q.limit}`,
    )
  },

  async countUnread(ex: Executor, userId: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      ex,
      sql`select count(*)::int as n from notifications where user_id = ${userId} and read_at is null`,
    )
    return Number(row?.n ?? 0)
  },

  /** Marks one of the user's notifications read (or all of them); answers how many it matched. */
  async markRead(ex: Executor, userId: string, id: string | 'all'): Promise<number> {
    const rows = await queryRows<{ id: string }>(
      ex,
      sql`update notifications set read_at = coalesce(read_at, now())
        where user_id = ${userId} ${id === 'all' ? sql`` : sql`and id = ${id}`} returning id`,
    )
    return rows.length
  },
}
