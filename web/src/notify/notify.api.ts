import { useQuery } from '@tanstack/react-query'
import { api } from '../api/client'
import type { paths } from '../api/openapi'
import type { JsonOf } from '../api/types'
import { useAction } from '../common/useAction'

export type NotificationList = JsonOf<paths['/api/notifications']['get']['responses'][200]>
/** One message of the reader's inbox 消息: its title in both languages, what it is about, read or not. */
export type Notification = NotificationList['items'][number]

export const notificationsKey = ['notifications'] as const
/** The bell shows the newest; the count of unread ones comes with them. */
const LIMIT = 20

export const useNotifications = () =>
  useQuery({
    queryKey: notificationsKey,
    queryFn: () => api.get('/api/notifications', { params: { query: { limit: LIMIT } } }),
    // The WebSocket says when something new arrives; polling is only the fallback while it is down.
    staleTime: 30_000,
    refetchInterval: 5 * 60_000,
  })

/** The case a notification is about, when it is about one. */
export const caseOf = (n: Notification) => (typeof n.subject.caseId === 'string' ? n.subject.caseId : null)

/** Where a special-group notice (a missed visit) opens: the membership on the groups board. */
export const membershipPageOf = (n: Notification) =>
  typeof n.subject.membershipId === 'string' && typeof n.subject.gridCode === 'string'
    ? `/ledgers/groups?in=${n.subject.gridCode}&open=${n.subject.membershipId}`
    : null

export function useMarkRead() {
  return useAction(
    (id: string | 'all') => api.post('/api/notifications/{id}/read', { params: { path: { id } } }),
    // Marking read is by the way: a failure leaves the message unread, which the bell already shows.
    { invalidate: [notificationsKey], toastErrors: false },
  )
}
