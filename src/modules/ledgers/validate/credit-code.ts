import { normaliseCode, type Refusal, refuse } from './normalise'

/**
 * The unified social credit code 统一社会信用代码 of GB 32100-2015: 18 characters of an alphabet of 31
 * (digits and capitals without I, O, Z, S, V); the registering authority (1 char), the organisation's
 * kind (1), the region code (6 digits), the organisation code (9), and a check character over the
 * first 17 (weights 3^i mod 31).
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31)

export interface CreditCode {
  ok: true
  value: string
  /** 登记管理部门: 1 机构编制, 5 民政, 9 工商 (市场监管), Y other … */
  authority: string
  /** The six-digit region code of the registering office. */
  region: string
}

export function creditCheckCharacter(first17: string): string {
  const sum = [...first17].reduce((s, c, i) => s + ALPHABET.indexOf(c) * (WEIGHTS[i] ?? 0), 0)
  return ALPHABET[(31 - (sum % 31)) % 31] ?? '?'
}

export function parseCreditCode(raw: string): CreditCode | Refusal {
  const typed = normaliseCode(raw)
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(typed))
    return refuse('credit_code.format', '统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）')
  if (!/^\d{6}$/.test(typed.slice(2, 8)))
    return refuse('credit_code.region', '统一社会信用代码的第3至8位应为行政区划码')
  if (creditCheckCharacter(typed.slice(0, 17)) !== typed[17])
    return refuse('credit_code.check', '统一社会信用代码的校验位不正确')
  return { ok: true, value: typed, authority: typed[0] ?? '', region: typed.slice(2, 8) }
}
