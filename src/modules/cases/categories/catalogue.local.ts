/**
 * Codes reserved for local extensions 扩展事件: a deployment adds its own classes there and no shipped
 * catalogue (nor a later national revision we follow) will take them.
 */
export const LOCAL_EXTENSION_RANGES = [
  {
    range: '90–99',
    zh: '地方扩展大类',
    en: 'Local big classes',
    note: 'Big classes 90–99 and every small class under them (90001–99999).',
  },
  {
    range: 'xx900–xx999',
    zh: '地方扩展小类',
    en: 'Local small classes',
    note: 'In any big class, small classes 900–999 (e.g. 06900 under 市容环境类, 21950 under 矛盾纠纷).',
  },
] as const

/** Whether a big (2-digit) or small (5-digit) class code lies in a local extension range. */
export function isLocalExtension(code: string): boolean {
  if (/^9\d$/.test(code)) return true
  if (!/^\d{5}$/.test(code)) return false
  return code.startsWith('9') || Number(code.slice(2)) >= 900
}
