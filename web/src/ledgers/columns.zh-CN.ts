/** 简体中文 words of the ledgers' column chooser (ColumnChooser.tsx), under the top-level key `columns`. */
export const columnsZhCN = {
  columns: {
    button: '列设置',
    title: '显示的列',
    reset: '恢复默认',
  },
}
