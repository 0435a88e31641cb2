/** 简体中文 for the home page 工作台; home.en-US.ts has the same keys. */
export const homeZhCN = {
  home: {
    welcome: '欢迎，{{name}}',
    noRoles: '尚未授予任何角色',
    more: '查看',
    todo: {
      title: '待办',
      none: '暂无待办事件',
      waitedDays: '最久 {{days}} 天 {{hours}} 小时',
      waitedHours: '最久 {{hours}} 小时 {{minutes}} 分',
      waitedMinutes: '最久 {{minutes}} 分钟',
      waitedMoment: '最久不到 1 分钟',
    },
    area: {
      title: '我的区域 · {{name}}',
      today: '今日',
      month: '本月',
      received: '上报',
      open: '办理中',
      closed: '已办结',
    },
    patrol: {
      title: '我的巡查',
      today: '今日',
      patrols: '巡查 {{count}} 次',
      inGrid: '网格内时长占比 {{share}}',
    },
  },
}
