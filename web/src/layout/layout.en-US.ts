import type { layoutZhCN } from './layout.zh-CN'

/** English for the signed-in shell: the header and the missing page. */
export const layoutEnUS: typeof layoutZhCN = {
  header: { changePassword: 'Change password', twoStep: 'Two-step verification', signOut: 'Sign out' },
  notFound: { text: 'There is no such page' },
}
