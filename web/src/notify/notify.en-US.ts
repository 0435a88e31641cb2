import type { notifyZhCN } from './notify.zh-CN'

/** English for the header's bell. */
export const notifyEnUS: typeof notifyZhCN = {
  notify: {
    title: 'Notifications',
    bell: 'Notifications, {{n}} unread',
    allRead: 'Mark all read',
    empty: 'No notifications',
  },
}
