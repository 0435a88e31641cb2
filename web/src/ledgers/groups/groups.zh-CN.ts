/** 简体中文 words of the ledgers' groups pages, under the top-level key `groups`. */
export const groupsZhCN = {
  groups: {},
}
