/** 简体中文 for the header's bell; notify.en-US.ts has the same keys. */
export const notifyZhCN = {
  notify: { title: '消息', bell: '消息，{{n}} 条未读', allRead: '全部已读', empty: '暂无消息' },
}
