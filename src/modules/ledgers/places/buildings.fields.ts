import type { CodeBook } from '../codes/codes.book'
import { checkFields, type FieldError, type FieldSpec } from '../validate/fields'
import { normaliseText } from '../validate/normalise'

/** The columns of the buildings sheet 建筑物台账 (and what an import row is checked against). */
export const BUILDING_FIELDS: readonly FieldSpec[] = [
  { key: 'code', zh: '建筑物编码', en: 'Building code', type: 'text', required: true, max: 32 },
  { key: 'name', zh: '建筑物名称', en: 'Name', type: 'text', required: true, max: 100 },
  { key: 'gridCode', zh: '所属网格编码', en: 'Grid code', type: 'grid', required: true },
  { key: 'address', zh: '标准地址', en: 'Standard address', type: 'text', required: true, max: 200 },
  { key: 'lng', zh: '经度', en: 'Longitude', type: 'text', max: 20 },
  { key: 'lat', zh: '纬度', en: 'Latitude', type: 'text', max: 20 },
  { key: 'road', zh: '街路巷', en: 'Road', type: 'text', max: 100 },
  { key: 'number', zh: '门牌号', en: 'Door number', type: 'text', max: 30 },
  { key: 'estate', zh: '小区', en: 'Estate', type: 'text', max: 100 },
  { key: 'use', zh: '建筑用途', en: 'Use', type: 'text', max: 30 },
  { key: 'floors', zh: '地上层数', en: 'Floors', type: 'integer' },
]

/**
 * Mainland China with its islands, generously (WGS-84): a point outside is a typing slip (longitude
 * and latitude swapped, a dropped digit) rather than a building of the ledger.
 */
export const CHINA_BOUNDS = { lngMin: 73, lngMax: 136, latMin: 3, latMax: 54 } as const

/** A building as an import row gives it, checked and normalised. */
export interface BuildingRecord {
  code: string
  name: string
  gridCode: string
  address: string
  /** Optional on a building already on the ledger (it keeps its point); a new one needs it. */
  point: { lng: number; lat: number } | null
  road: string | null
  number: string | null
  estate: string | null
  use: string | null
  floors: number | null
}

/** A decimal number as typed (full-width digits allowed), or null. */
export function parseDecimal(text: string | undefined): number | null {
  if (text === undefined) return null
  const n = normaliseText(text).replace(/\s/g, '')
  return /^-?\d{1,9}(\.\d+)?$/.test(n) ? Number(n) : null
}

/** Longitude and latitude: both or neither, numbers, inside China's bounds. */
function checkPoint(values: Map<string, string>, errors: FieldError[]) {
  const lngText = values.get('lng')
  const latText = values.get('lat')
  if (lngText === undefined && latText === undefined) return null
  if (lngText === undefined || latText === undefined) {
    errors.push({
      field: lngText === undefined ? 'lng' : 'lat',
      code: 'ledger.point_incomplete',
      message: '经度、纬度应同时填写',
    })
    return null
  }
  const lng = parseDecimal(lngText)
  const lat = parseDecimal(latText)
  if (lng === null) errors.push({ field: 'lng', code: 'ledger.bad_number', message: '经度应为数字' })
  if (lat === null) errors.push({ field: 'lat', code: 'ledger.bad_number', message: '纬度应为数字' })
  if (lng === null || lat === null) return null
  const b = CHINA_BOUNDS
  if (lng < b.lngMin || lng > b.lngMax || lat < b.latMin || lat > b.latMax) {
    errors.push({
      field: lng < b.lngMin || lng > b.lngMax ? 'lng' : 'lat',
      code: 'ledger.point_outside_china',
      message: `坐标（${lng}, ${lat}）不在中国境内：经度应在 ${b.lngMin}–${b.lngMax}，纬度在 ${b.latMin}–${b.latMax} 之间（WGS-84），请检查是否填反`,
    })
    return null
  }
  return { lng, lat }
}

export function checkBuilding(
  input: Record<string, unknown>,
  codes: CodeBook,
): { ok: true; record: BuildingRecord } | { ok: false; errors: FieldError[] } {
  const { values, errors } = checkFields(BUILDING_FIELDS, input, codes)
  const code = values.get('code')
  if (code !== undefined && !/^[0-9A-Za-z-]+$/.test(code))
    errors.push({
      field: 'code',
      code: 'ledger.bad_building_code',
      message: '建筑物编码只能含字母、数字和 -',
    })
  const floors = values.get('floors')
  if (floors !== undefined && (Number(floors) < 1 || Number(floors) > 300))
    errors.push({ field: 'floors', code: 'ledger.bad_number', message: '地上层数应在 1–300 之间' })
  const point = checkPoint(values, errors)
  if (errors.length) return { ok: false, errors }
  const get = (key: string) => values.get(key) ?? null
  return {
    ok: true,
    record: {
      code: code as string,
      name: values.get('name') as string,
      gridCode: values.get('gridCode') as string,
      address: values.get('address') as string,
      point,
      road: get('road'),
      number: get('number'),
      estate: get('estate'),
      use: get('use'),
      floors: floors === undefined ? null : Number(floors),
    },
  }
}
