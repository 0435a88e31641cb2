import type { columnsZhCN } from './columns.zh-CN'

/** English words of the ledgers' column chooser, the same keys as columns.zh-CN.ts. */
export const columnsEnUS: typeof columnsZhCN = {
  columns: {
    button: 'Columns',
    title: 'Columns shown',
    reset: 'Reset to default',
  },
}
