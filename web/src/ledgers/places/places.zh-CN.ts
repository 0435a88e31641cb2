/** 简体中文 words of the ledgers' places pages, under the top-level key `places`. */
export const placesZhCN = {
  places: {},
}
