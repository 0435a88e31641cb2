import type { homeZhCN } from './home.zh-CN'

/** English for the home page. */
export const homeEnUS: typeof homeZhCN = {
  home: {
    welcome: 'Welcome, {{name}}',
    username: 'Username',
    roles: 'Roles and scopes',
    noRoles: 'No role granted yet',
  },
}
