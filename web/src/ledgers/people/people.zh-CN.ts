/** 简体中文 words of the ledgers' people pages, under the top-level key `people`. */
export const peopleZhCN = {
  people: {},
}
