import { describe, expect, it } from 'vitest'
import { codeBookOf } from '../codes/codes.book'
import { SHIPPED_CODES } from '../codes/codes.shipped'
import { checkBuilding } from './buildings.fields'
import { checkRoom } from './rooms.fields'

// The row checks of the buildings and rooms import sheets, against the shipped code tables.
const codes = codeBookOf(
  Object.entries(SHIPPED_CODES).flatMap(([table, t]) =>
    t.rows.map(([code, zh, en]) => ({ code_table: table, code, zh, en })),
  ),
)

const building = (over: Record<string, string> = {}) =>
  checkBuilding(
    { code: 'B-1', name: '1栋', gridCode: '510104001001001', address: '示例路1号', ...over },
    codes,
  )
const errorsOf = (r: { ok: boolean; errors?: { field: string; code: string }[] }) =>
  r.ok ? [] : (r.errors ?? []).map((e) => `${e.field}:${e.code}`)

describe('a building row', () => {
  it('takes full-width digits and a point inside China, or none', () => {
    const r = building({ lng: '１０４.０６', lat: ' 30.66 ', floors: '１８' })
    expect(r).toMatchObject({ ok: true, record: { point: { lng: 104.06, lat: 30.66 }, floors: 18 } })
    expect(building()).toMatchObject({ ok: true, record: { point: null, floors: null } })
  })

  it('refuses half a point, words for numbers, a point outside China (swapped), and bad floors or codes', () => {
    expect(errorsOf(building({ lng: '104.06' }))).toEqual(['lat:ledger.point_incomplete'])
    expect(errorsOf(building({ lat: '30.66' }))).toEqual(['lng:ledger.point_incomplete'])
    expect(errorsOf(building({ lng: '东经104', lat: '30.66' }))).toEqual(['lng:ledger.bad_number'])
    expect(errorsOf(building({ lng: '30.66', lat: '104.06' }))).toEqual(['lng:ledger.point_outside_china'])
    expect(errorsOf(building({ lng: '104.06', lat: '-30.66' }))).toEqual(['lat:ledger.point_outside_china'])
    expect(errorsOf(building({ floors: '0' }))).toEqual(['floors:ledger.bad_number'])
    expect(errorsOf(building({ floors: '301' }))).toEqual(['floors:ledger.bad_number'])
    expect(errorsOf(building({ code: '1栋' }))).toEqual(['code:ledger.bad_building_code'])
    expect(errorsOf(building({ name: '' }))).toEqual(['name:ledger.required'])
  })
})

const room = (over: Record<string, string> = {}) =>
  checkRoom({ gridCode: '510104001001001', buildingCode: 'B-1', number: '101', ...over }, codes)

describe('a room row', () => {
  it('takes code-table names or codes, basements, areas with two decimals; empty cells are null', () => {
    const r = room({ ownership: '私产', houseUse: 'office', occupancy: '出租', floor: '-2', area: '89.55' })
    expect(r).toMatchObject({
      ok: true,
      record: {
        unit: null,
        ownership: 'private',
        houseUse: 'office',
        occupancy: 'rented',
        floor: -2,
        area: 89.55,
        houseCategory: null,
      },
    })
  })

  it('refuses unknown codes, floors out of range or not whole, areas with three decimals or words', () => {
    expect(errorsOf(room({ occupancy: '借住' }))).toEqual(['occupancy:ledger.unknown_code'])
    expect(errorsOf(room({ floor: '-11' }))).toEqual(['floor:ledger.bad_number'])
    expect(errorsOf(room({ floor: '2.5' }))).toEqual(['floor:ledger.bad_number'])
    expect(errorsOf(room({ area: '89.555' }))).toEqual(['area:ledger.bad_number'])
    expect(errorsOf(room({ area: '-1' }))).toEqual(['area:ledger.bad_number'])
    expect(errorsOf(room({ area: '八十' }))).toEqual(['area:ledger.bad_number'])
    expect(errorsOf(room({ number: '', buildingCode: '' }))).toEqual([
      'buildingCode:ledger.required',
      'number:ledger.required',
    ])
  })
})
