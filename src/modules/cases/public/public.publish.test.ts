import { describe, expect, it } from 'vitest'
import { coarsenPoint, publicAddress, publicText } from './public.publish'

describe('publicAddress', () => {
  it.each([
    ['锦江路 1 号门口', '锦江路'],
    ['幸福小区3栋2单元501室', '幸福小区'],
    ['幸福小区五号楼三单元', '幸福小区'],
    ['春熙路88号附近', '春熙路'],
    ['锦绣花园 12#楼 1层', '锦绣花园'],
    ['成华区建设路，２号院', '成华区建设路'],
    ['人民公园东门', '人民公园'],
    ['幸福小区B栋2单元', '幸福小区'],
    ['锦绣花园A座1203', '锦绣花园'],
    ['锦江路李四家门口', '锦江路'],
    ['Room 1203, Tower A', '玉林社区'],
    ['Jinjiang Road 5', 'Jinjiang Road'],
    ['李四家门口', '玉林社区'],
    ['12号楼下', '玉林社区'],
    ['', '玉林社区'],
    [null, '玉林社区'],
  ])('%s → %s', (address, expected) => {
    expect(publicAddress(address, '玉林社区')).toBe(expected)
  })

  it('publishes nothing of an unrecognised address when the place has no community', () => {
    expect(publicAddress('Room 1203, Tower A')).toBeNull()
    expect(publicAddress('12号楼下')).toBeNull()
  })
})

describe('coarsenPoint', () => {
  it('moves a point to the centre of its cell, less than one cell away', () => {
    const door = { lng: 104.066543, lat: 30.572812 }
    const cell = coarsenPoint(door, 100)
    const dLat = Math.abs(cell.lat - door.lat) * 111_320
    const dLng = Math.abs(cell.lng - door.lng) * 111_320 * Math.cos((door.lat * Math.PI) / 180)
    expect(dLat).toBeLessThanOrEqual(50)
    expect(dLng).toBeLessThanOrEqual(51)
    expect(cell).not.toEqual(door)
  })

  it('gives every door of one block the same point, and a block 300 m away another', () => {
    const a = coarsenPoint({ lng: 104.06601, lat: 30.57201 }, 1000)
    const b = coarsenPoint({ lng: 104.06605, lat: 30.57204 }, 1000)
    expect(a).toEqual(b)
    const c = coarsenPoint({ lng: 104.06601, lat: 30.57201 }, 100)
    const d = coarsenPoint({ lng: 104.06601, lat: 30.57201 + 300 / 111_320 }, 100)
    expect(c).not.toEqual(d)
  })
})

describe('publicText', () => {
  it('masks personal numbers in what staff wrote', () => {
    expect(publicText('已联系王先生13812345678')).toBe('已联系王先生138****5678')
    expect(publicText(null)).toBeNull()
  })
})
