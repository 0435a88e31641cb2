import { normaliseCode, type Refusal, refuse } from './normalise'

/**
 * Phone numbers as residents and sheets write them: a mainland mobile (11 digits from 13–19, an
 * optional +86 or 86 in front), a landline with its area code (0 + 2–3 digits, then 7–8 digits, an
 * optional extension after -, 转 or #), or a short service number (110, 12345, 95598).
 */
export interface Phone {
  ok: true
  /** Digits only, area code first; an extension after '-'. */
  value: string
  kind: 'mobile' | 'landline' | 'service'
}

export function parsePhone(raw: string): Phone | Refusal {
  const [number = '', extension] = raw.split(/转|#|ext\.?/i)
  const typed = normaliseCode(number.replace(/[()（）]/g, '')).replace(/^\+?86(?=1\d{10}$)/, '')
  const ext = extension ? normaliseCode(extension) : ''
  if (ext && !/^\d{1,6}$/.test(ext)) return refuse('phone.extension', '分机号应为1至6位数字')
  if (/^1[3-9]\d{9}$/.test(typed) && !ext) return { ok: true, value: typed, kind: 'mobile' }
  if (/^0\d{2,3}\d{7,8}$/.test(typed) && typed.length <= 12)
    return { ok: true, value: ext ? `${typed}-${ext}` : typed, kind: 'landline' }
  if (/^(1\d{2}|1\d{4}|9\d{4})$/.test(typed) && !ext) return { ok: true, value: typed, kind: 'service' }
  return refuse('phone.format', '电话号码应为11位手机号、带区号的固定电话或服务号码')
}
