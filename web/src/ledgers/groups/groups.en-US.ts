import type { groupsZhCN } from './groups.zh-CN'

/** English words of the ledgers' groups pages: the same keys as groups.zh-CN.ts. */
export const groupsEnUS: typeof groupsZhCN = {
  groups: {},
}
