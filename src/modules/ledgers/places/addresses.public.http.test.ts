import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../../test/support/app'

let t: TestApp
let a: StaffedPlace
beforeAll(async () => {
  t = await testApp()
  a = await t.place('530110', 68)
}, 120_000)
afterAll(() => t?.close())

describe('the resident’s place search finds standard addresses', () => {
  it('answers a building’s address and its community, without sign-in, and nothing more', async () => {
    const made = await t.call({
      method: 'POST',
      url: '/api/buildings',
      cookie: a.people.worker.cookie,
      payload: { code: 'B1', name: '3 栋', address: '锦绣路 88 号 3 栋', estate: '锦绣花园', point: a.point },
    })
    expect(made.statusCode, made.body).toBe(201)
    const res = await t.call({ method: 'GET', url: `/api/public/places?q=${encodeURIComponent('锦绣花园')}` })
    expect(res.statusCode).toBe(200)
    const place = res.json().items.find((p: { level: string }) => p.level === 'address')
    expect(place).toEqual({
      name: '锦绣路 88 号 3 栋',
      level: 'address',
      parent: 'community530110',
      centre: [a.point.lng, a.point.lat],
      bbox: [a.point.lng - 0.001, a.point.lat - 0.001, a.point.lng + 0.001, a.point.lat + 0.001],
    })
    // No grid below the public levels, no code, no id of the building.
    expect(res.body).not.toContain('530110001001001')
    expect(res.body).not.toContain(made.json().id)
  })
})
