import type { peopleZhCN } from './people.zh-CN'

/** English words of the ledgers' people pages: the same keys as people.zh-CN.ts. */
export const peopleEnUS: typeof peopleZhCN = {
  people: {},
}
