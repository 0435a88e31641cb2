import type { importsZhCN } from './imports.zh-CN'

/** English words of the ledgers' imports pages: the same keys as imports.zh-CN.ts. */
export const importsEnUS: typeof importsZhCN = {
  imports: {},
}
