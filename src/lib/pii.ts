/**
 * Personal data in free text, masked before the text is published (Open311, the tracking page,
 * public answers). Pure and conservative: a number that looks like an ID number or a phone number
 * is masked even when it may be something else, since a wrongly masked number costs a reader
 * little and a missed one is a leak.
 */

/** A number is never cut out of a longer run of digits or of a code such as a case number. */
const BEFORE = '(?<![0-9A-Za-z])'
const AFTER = '(?![0-9A-Za-z])'

/** GB 11643: 6-digit region, birth date, 3-digit sequence, check digit (0–9 or X). */
const ID18 = new RegExp(`${BEFORE}[1-9]\\d{16}[0-9Xx]${AFTER}`, 'g')
/** The first-generation card: 6-digit region, yymmdd, 3-digit sequence. */
const ID15 = new RegExp(
  `${BEFORE}[1-9]\\d{5}\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}${AFTER}`,
  'g',
)
/** Mainland mobiles 1[3-9]x, in 3-4-4 groups or not (space, dash or dot), with +86 / 0086 before them or not. */
const MOBILE = new RegExp(
  `${BEFORE}(?:(?:\\+|00)86[-\\s.]?)?1[3-9]\\d[-\\s.]?\\d{4}[-\\s.]?\\d{4}${AFTER}`,
  'g',
)
/** Landlines with an area code: 028-85123456, (010) 6512 3456, 0571 8765 4321, an extension after -. */
const LANDLINE = new RegExp(
  `(?:\\(0\\d{2,3}\\)|${BEFORE}0\\d{2,3})[-\\s.]?[2-9]\\d{2,3}[-\\s.]?\\d{4}(?:-\\d{1,5})?${AFTER}`,
  'g',
)
/** An e-mail address (zhang@qq.com): the mailbox is often a name or a QQ number. */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

/** Whether an 18-character number carries the right GB 11643 check digit. */
export function hasIdCheckDigit(id: string): boolean {
  if (!/^\d{17}[0-9Xx]$/.test(id)) return false
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0)
  return CHECK[sum % 11] === id[17]?.toUpperCase()
}

/** A real birth date at positions 7–14 (years 1900–2099): an ID number whose check digit was mistyped is still one. */
function hasBirthDate(id: string): boolean {
  const m = /^\d{6}(19|20)(\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/.exec(id)
  if (!m) return false
  const [y, mo, d] = [Number(`${m[1]}${m[2]}`), Number(m[3]), Number(m[4])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

const keepEnds = (digits: string, head: number, tail: number) =>
  `${digits.slice(0, head)}${'*'.repeat(digits.length - head - tail)}${digits.slice(-tail)}`

/** 510104199001011234 → 5101**********1234. */
function maskId(id: string): string {
  return keepEnds(id, 4, 4)
}

/** 138 1234 5678, +86-13812345678 → 138****5678 (the country code and separators go). */
function maskMobile(phone: string): string {
  const digits = phone.replace(/\D/g, '').replace(/^(?:00)?86(?=1\d{10}$)/, '')
  return keepEnds(digits, 3, 4)
}

/** 028-85123456 → 028-****3456: the area code says only the city. */
function maskLandline(phone: string): string {
  const [, area, rest] = /^\(?(0\d{2,3})\)?[-\s.]?(.*)$/.exec(phone) ?? ['', '', phone]
  const digits = (rest ?? '').replace(/-\d{1,5}$/, '').replace(/\D/g, '')
  return `${area}-${keepEnds(digits, 0, 4)}`
}

/** zhang@qq.com → z***@qq.com: the provider says little, the mailbox says who. */
function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  return `${email.slice(0, 1)}***${email.slice(at)}`
}

/**
 * Full-width digits, letters and the signs of numbers and addresses (１３８, ＋８６, ＠) folded to
 * ASCII (NFKC), so that a number typed on a Chinese keyboard is caught like any other. Chinese
 * punctuation (，。（）) is left as written.
 */
const fold = (text: string) => text.replace(/[０-９Ａ-Ｚａ-ｚ＋－．＠＿％]/gu, (c) => c.normalize('NFKC'))

/** Kinds of personal data found in a text, for tests and for a flag on the staff screen. */
export type PiiKind = 'id_number' | 'mobile' | 'landline' | 'email'

/** The text with every ID number, mobile and landline number and e-mail masked; other text as it was (NFKC-folded). */
export function maskPii(text: string): string {
  return fold(text)
    .replace(EMAIL, maskEmail)
    .replace(ID18, (m) => (hasIdCheckDigit(m) || hasBirthDate(m) ? maskId(m) : m))
    .replace(ID15, maskId)
    .replace(MOBILE, maskMobile)
    .replace(LANDLINE, maskLandline)
}

/** Which kinds of personal data a text holds (none: an empty list). */
export function findPii(raw: string): PiiKind[] {
  const text = fold(raw)
  const kinds: PiiKind[] = []
  const ids = [...text.matchAll(ID18)].some((m) => hasIdCheckDigit(m[0]) || hasBirthDate(m[0]))
  if (ids || ID15.test(text)) kinds.push('id_number')
  ID15.lastIndex = 0
  if (MOBILE.test(text)) kinds.push('mobile')
  MOBILE.lastIndex = 0
  if (LANDLINE.test(text)) kinds.push('landline')
  LANDLINE.lastIndex = 0
  if (EMAIL.test(text)) kinds.push('email')
  EMAIL.lastIndex = 0
  return kinds
}

/** maskPii over a text that may be absent. */
export const maskPiiOrNull = (text: string | null | undefined): string | null =>
  text == null ? null : maskPii(text)
