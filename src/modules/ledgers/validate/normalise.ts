/**
 * What people type into ledgers and Excel sheets, made comparable: full-width letters, digits and
 * punctuation (Ａ１２，) to their ASCII forms by NFKC, the ideographic space and runs of white space
 * to one space, none at the ends. Chinese characters and the name dot · are kept as they are.
 */
export function normaliseText(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, ' ').trim()
}

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
