import type { Db, Executor } from '../../db/database'
import type { RequestContext } from '../../lib/context'
import { notFound, unauthorized } from '../../lib/problem'
import type { NotifyHub } from './notify.hub'
import { type Notice, type NotificationRow, notifyRepo } from './notify.repo'

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
      const rows = await notifyRepo.insertForUsers(ex, unique, notice)
      return () => {
        for (const r of rows) hub.push(r.user_id, { type: 'notification', notification: toView(r) })
      }
    },

    /** `send` for several notices in one statement (a batch of the outbox). */
    async sendEach(
      ex: Executor,
      items: readonly { userIds: readonly string[]; notice: Notice }[],
    ): Promise<() => void> {
      const unique = items.map((i) => ({ ...i, userIds: [...new Set(i.userIds)] }))
      const rows = await notifyRepo.insertEach(ex, unique)
      return () => {
        for (const r of rows) hub.push(r.user_id, { type: 'notification', notification: toView(r) })
      }
    },

    async list(ctx: RequestContext, q: { unread: boolean; limit: number; cursor?: string }) {
      const userId = userOf(ctx)
      const rows = await notifyRepo.list(db, userId, q)
      const unread = await notifyRepo.countUnread(db, userId)
      const last = rows.at(-1)
      return {
        items: rows.map(toView),
        unread,
        nextCursor: rows.length === q.limit && last ? last.id : null,
      }
    },

    async markRead(ctx: RequestContext, id: string | 'all'): Promise<void> {
      const userId = userOf(ctx)
      const matched = await notifyRepo.markRead(db, userId, id)
      if (id !== 'all' && matched === 0) throw notFound('notification.not_found', 'No such notification')
    },
  }
}

export type NotifyService = ReturnType<typeof createNotifyService>
export type { Notice }
