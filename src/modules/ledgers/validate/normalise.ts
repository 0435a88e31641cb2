/**
 * What people type into ledgers and Excel sheets, made comparable: full-width letters, digits and
 * punctuation (Ａ１２，) to their ASCII forms by NFKC, the ideographic space and runs of white space
 * to one space, none at the ends. Chinese characters and the name dot · are kept as they are.
 */
export function normaliseText(raw: string): string {
  // Printable ASCII and the CJK unified ideographs are their own NFKC form, and their only white space
  // is the plain space: most cells of a sheet skip the normaliser (a fifth of a row's check).
  if (NFKC_STABLE.test(raw)) return (raw.includes('  ') ? raw.replace(/ {2,}/g, ' ') : raw).trim()
  return raw.normalize('NFKC').replace(/\s+/g, ' ').trim()
}
const NFKC_STABLE = /^[\u0020-\u007e\u4e00-\u9fff]*$/

/** A code (ID number, credit code, phone): normalised, without any space or hyphen, upper-cased. */
export function normaliseCode(raw: string): string {
  return normaliseText(raw).replace(/[\s-]/g, '').toUpperCase()
}

/** Why a value was refused: a stable code for the API and the import report, and the words for a person. */
export interface Refusal {
  ok: false
  code: string
  message: string
}

export const refuse = (code: string, message: string): Refusal => ({ ok: false, code, message })
