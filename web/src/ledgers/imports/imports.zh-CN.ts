/** 简体中文 words of the ledgers' imports pages, under the top-level key `imports`. */
export const importsZhCN = {
  imports: {},
}
