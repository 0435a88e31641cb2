import type { layoutZhCN } from './layout.zh-CN'

/** English for the signed-in shell: the header and the missing page. */
export const layoutEnUS: typeof layoutZhCN = {
  header: {
    changePassword: 'Change password',
    twoStep: 'Two-step verification',
    devices: 'My devices',
    signOut: 'Sign out',
  },
  nav: { label: 'Main', cases: 'Events', report: 'Report', grids: 'Grids', home: 'Home', me: 'Me' },
  notFound: { text: 'There is no such page' },
}
