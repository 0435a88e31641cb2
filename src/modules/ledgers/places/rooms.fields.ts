import type { CodeBook } from '../codes/codes.book'
import { checkFields, type FieldError, type FieldSpec } from '../validate/fields'
import { parseDecimal } from './buildings.fields'

/**
 * The columns of the rooms sheet 户室 / 实有房屋台账: the room's building (its grid and code), unit and
 * number, and the house fields (the code-table ones take a code or its name).
 */
export const ROOM_FIELDS: readonly FieldSpec[] = [
  { key: 'gridCode', zh: '所属网格编码', en: "Building's grid code", type: 'grid', required: true },
  { key: 'buildingCode', zh: '建筑物编码', en: 'Building code', type: 'text', required: true, max: 32 },
  { key: 'unit', zh: '单元', en: 'Unit', type: 'text', max: 30 },
  { key: 'number', zh: '房号', en: 'Room number', type: 'text', required: true, max: 20 },
  { key: 'floor', zh: '所在楼层', en: 'Floor', type: 'text', max: 4 },
  { key: 'houseCategory', zh: '房屋类别', en: 'House category', type: 'text', max: 30 },
  { key: 'ownership', zh: '产权性质', en: 'Ownership', type: 'code', codeTable: 'ownership' },
  { key: 'houseUse', zh: '房屋用途', en: 'House use', type: 'code', codeTable: 'house_use' },
  { key: 'area', zh: '建筑面积（㎡）', en: 'Area (m²)', type: 'text', max: 12 },
  { key: 'occupancy', zh: '居住状况', en: 'Occupancy', type: 'code', codeTable: 'occupancy' },
]

/** A room as an import row gives it, checked and normalised; null: the cell was empty (kept on update). */
export interface RoomRecord {
  gridCode: string
  buildingCode: string
  unit: string | null
  number: string
  floor: number | null
  houseCategory: string | null
  ownership: string | null
  houseUse: string | null
  area: number | null
  occupancy: string | null
}

export function checkRoom(
  input: Record<string, unknown>,
  codes: CodeBook,
): { ok: true; record: RoomRecord } | { ok: false; errors: FieldError[] } {
  const { values, errors } = checkFields(ROOM_FIELDS, input, codes)
  const get = (key: string) => values.get(key) ?? null
  const floorText = values.get('floor')
  const floor = parseDecimal(floorText)
  if (floorText !== undefined && (floor === null || !Number.isInteger(floor) || floor < -10 || floor > 300))
    errors.push({ field: 'floor', code: 'ledger.bad_number', message: '所在楼层应为 -10 到 300 的整数' })
  const areaText = values.get('area')
  const area = parseDecimal(areaText)
  if (
    areaText !== undefined &&
    (area === null || !/^\d{1,7}(\.\d{1,2})?$/.test(String(area)) || area > 1_000_000)
  )
    errors.push({
      field: 'area',
      code: 'ledger.bad_number',
      message: '建筑面积应为 0 到 1000000 的数字（平方米，最多两位小数）',
    })
  if (errors.length) return { ok: false, errors }
  return {
    ok: true,
    record: {
      gridCode: values.get('gridCode') as string,
      buildingCode: values.get('buildingCode') as string,
      unit: get('unit'),
      number: values.get('number') as string,
      floor,
      houseCategory: get('houseCategory'),
      ownership: get('ownership'),
      houseUse: get('houseUse'),
      area,
      occupancy: get('occupancy'),
    },
  }
}
