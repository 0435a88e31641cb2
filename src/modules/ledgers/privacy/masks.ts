import { maskName, maskPhone } from '../../../lib/crypto'

export { maskName, maskPhone }

/**
 * An identity number as the ledgers show it by default: region (6) and the last four kept,
 * 110105********002X; a short document number keeps its first and last two.
 */
export function maskIdNumber(id: string): string {
  if (id.length >= 15) return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`
  if (id.length <= 4) return '*'.repeat(id.length)
  return `${id.slice(0, 2)}${'*'.repeat(id.length - 4)}${id.slice(-2)}`
}

/**
 * An exact address shown by default: the road, estate or village kept, the building, unit and room
 * hidden (锦江区东大街100号3栋2单元1203室 → 锦江区东大街****).
 */
export function maskAddress(address: string): string {
  const chars = [...address]
  const cut = address.search(/\d|[一二三四五六七八九十]+[号栋幢单室楼]/u)
  const keep = cut > 0 ? [...address.slice(0, cut)].length : Math.ceil(chars.length / 2)
  return `${chars.slice(0, Math.min(keep, chars.length - 1)).join('')}****`
}
