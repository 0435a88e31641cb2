import { sql } from 'drizzle-orm'
import { type Db, type Executor, queryRows } from '../../db/database'
import type { RequestContext } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { notFound, unauthorized } from '../../lib/problem'
import type { NotifyHub } from './notify.hub'

export interface Notice {
  kind: string
  subject: Record<string, unknown>
  titleZh: string
  titleEn: string
}

interface NotificationRow {
  id: string
  user_id: string
  kind: string
  subject: Record<string, unknown>
  title_zh: string
  title_en: string
  created_at: Date
  read_at: Date | null
}

const toView = (r: NotificationRow) => ({
  id: r.id,
  kind: r.kind,
  subject: r.subject,
  titleZh: r.title_zh,
  titleEn: r.title_en,
  createdAt: new Date(r.created_at).toISOString(),
  readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
})

const userOf = (ctx: RequestContext) => {
  if (ctx.actor?.type !== 'user') throw unauthorized('auth.unauthenticated', 'Sign in to read your inbox')
  return ctx.actor.id
}

/** The in-app inbox 消息: rows written with the event that causes them, pushed live after commit. */
export function createNotifyService(db: Db, hub: NotifyHub) {
  return {
    /** Writes the notice for each user in the caller's transaction; answers the push to run after commit. */
    async send(ex: Executor, userIds: readonly string[], notice: Notice): Promise<() => void> {
      const unique = [...new Set(userIds)]
      if (unique.length === 0) return () => {}
      const rows = await queryRows<NotificationRow>(
        ex,
        sql`insert into notifications (id, user_id, kind, subject, title_zh, title_en)
          values ${sql.join(
            unique.map(
              (u) =>
                sql`(${uuidv7()}, ${u}, ${notice.kind}, ${JSON.stringify(notice.subject)}::jsonb, ${notice.titleZh}, ${notice.titleEn})`,
            ),
            sql`, `,
          )}
          returning id, user_id, kind, subject, title_zh, title_en, created_at, read_at`,
      )
      return () => {
        for (const r of rows) hub.push(r.user_id, { type: 'notification', notification: toView(r) })
      }
    },

    async list(ctx: RequestContext, q: { unread: boolean; limit: number; cursor?: string }) {
      const userId = userOf(ctx)
      const rows = await queryRows<NotificationRow>(
        db,
        sql`select id, user_id, kind, subject, title_zh, title_en, created_at, read_at from notifications
          where user_id = ${userId} ${q.unread ? sql`and read_at is null` : sql``}
            ${q.cursor ? sql`and id < ${q.cursor}` : sql``}
          order by id desc limit ${q.limit}`,
      )
      const [unread] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from notifications where user_id = ${userId} and read_at is null`,
      )
      const last = rows.at(-1)
      return {
        items: rows.map(toView),
        unread: Number(unread?.n ?? 0),
        nextCursor: rows.length === q.limit && last ? last.id : null,
      }
    },

    async markRead(ctx: RequestContext, id: string | 'all'): Promise<void> {
      const userId = userOf(ctx)
      const rows = await queryRows<{ id: string }>(
        db,
        sql`update notifications set read_at = coalesce(read_at, now())
          where user_id = ${userId} ${id === 'all' ? sql`` : sql`and id = ${id}`} returning id`,
      )
      if (id !== 'all' && rows.length === 0) throw notFound('notification.not_found', 'No such notification')
    },
  }
}

export type NotifyService = ReturnType<typeof createNotifyService>
