import { normaliseCode, type Refusal, refuse } from './normalise'

/**
 * Identity numbers of GB 11643 and the documents that share its layout: the resident ID 居民身份证,
 * the residence permits of Hong Kong, Macao (81, 82) and Taiwan (83) residents 港澳台居民居住证, and the
 * 2023 foreigner's permanent residence card 外国人永久居留身份证 (first digit 9: the accepting province,
 * a three-digit nationality code, then the birth date). A 15-digit first-generation number is
 * converted to 18 digits (born 19xx).
 */
export type IdKind = 'resident' | 'hk_macao_permit' | 'taiwan_permit' | 'foreign_permanent'

export interface IdNumber {
  ok: true
  /** The 18 characters, check character upper-case. */
  value: string
  kind: IdKind
  /** yyyy-mm-dd, read from the number. */
  birthDate: string
  /** From the sequence's last digit: odd is male. */
  sex: 'male' | 'female'
  /** The province (or permit) code, two digits. */
  province: string
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

/** Provinces of GB/T 2260 (first two digits): North China 1x … North-west 6x; 71 Taiwan, 81/82 Hong Kong, Macao. */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
])

/** The check character of the first 17 digits (ISO 7064 MOD 11-2). */
export function idCheckCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(first17[i]), 0)
  return CHECK[sum % 11] ?? '?'
}

/** A real calendar date in yyyymmdd, not in the future and not before 1900. */
function dateOf(yyyymmdd: string, today: Date): string | null {
  const [y, m, d] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6, 8)].map(Number)
  if (!y || !m || !d || y < 1900) return null
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  if (date.getTime() > today.getTime()) return null
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`
}

function kindOf(value: string): IdKind | null {
  if (value[0] === '9') return 'foreign_permanent'
  const province = value.slice(0, 2)
  if (province === '81' || province === '82') return 'hk_macao_permit'
  if (province === '83') return 'taiwan_permit'
  return PROVINCES.has(province) ? 'resident' : null
}

/** Converts a 15-digit number (yymmdd, no check character) to its 18-digit form. */
function widen(fifteen: string): string {
  const first17 = `${fifteen.slice(0, 6)}19${fifteen.slice(6)}`
  return first17 + idCheckCharacter(first17)
}

export function parseIdNumber(raw: string, today = new Date()): IdNumber | Refusal {
  const typed = normaliseCode(raw)
  if (/^\d{15}$/.test(typed)) return parseIdNumber(widen(typed), today)
  if (!/^\d{17}[\dX]$/.test(typed))
    return refuse('id_number.format', '身份号码应为18位（最后一位可为X）或15位数字')
  const kind = kindOf(typed)
  if (!kind) return refuse('id_number.region', `身份号码的地区码 ${typed.slice(0, 2)} 不存在`)
  if (kind === 'foreign_permanent' && !PROVINCES.has(typed.slice(1, 3)))
    return refuse('id_number.region', `永久居留身份证的受理地代码 ${typed.slice(1, 3)} 不存在`)
  // The birth date sits at the same place in every layout: characters 7 to 14.
  const birth = dateOf(typed.slice(6, 14), today)
  if (!birth) return refuse('id_number.birth_date', '身份号码中的出生日期不是有效日期')
  if (idCheckCharacter(typed) !== typed[17]) return refuse('id_number.check', '身份号码的校验位不正确')
  return {
    ok: true,
    value: typed,
    kind,
    birthDate: birth,
    sex: Number(typed[16]) % 2 === 1 ? 'male' : 'female',
    province: kind === 'foreign_permanent' ? typed.slice(1, 3) : typed.slice(0, 2),
  }
}
