import type { homeZhCN } from './home.zh-CN'

/** English for the home page (the workbench). */
export const homeEnUS: typeof homeZhCN = {
  home: {
    welcome: 'Welcome, {{name}}',
    noRoles: 'No role granted yet',
    more: 'View',
    todo: {
      title: 'To do',
      none: 'No events waiting',
      waitedDays: 'Oldest {{days}} d {{hours}} h',
      waitedHours: 'Oldest {{hours}} h {{minutes}} min',
      waitedMinutes: 'Oldest {{minutes}} min',
      waitedMoment: 'Oldest under a minute',
    },
    area: {
      title: 'My area · {{name}}',
      today: 'Today',
      month: 'This month',
      received: 'Reported',
      open: 'In progress',
      closed: 'Closed',
    },
    patrol: {
      title: 'My patrols',
      today: 'Today',
      patrols: '{{count}} patrols',
      inGrid: 'Share of time in the grid {{share}}',
    },
  },
}
