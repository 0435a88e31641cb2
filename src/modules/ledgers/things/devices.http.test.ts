import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../../test/support/app'

let t: TestApp
let a: StaffedPlace
let b: StaffedPlace
beforeAll(async () => {
  t = await testApp()
  a = await t.place('530104', 62)
  b = await t.place('530105', 63)
}, 120_000)
afterAll(() => t?.close())

describe('devices 物', () => {
  it('registers a camera, keeps each status change in its history, and refuses a second device of one code', async () => {
    const cookie = a.people.worker.cookie
    const camera = {
      code: 'CAM-0001',
      kind: '监控点位',
      name: '东门监控',
      point: a.point,
      details: { model: 'DS-2CD' },
    }
    const created = await t.call({ method: 'POST', url: '/api/devices', cookie, payload: camera })
    expect(created.statusCode, created.body).toBe(201)
    const id = created.json().id
    expect(created.json()).toMatchObject({
      kind: 'camera',
      status: 'normal',
      grid: { code: '530104001001001001' },
    })
    const again = await t.call({ method: 'POST', url: '/api/devices', cookie, payload: camera })
    expect([again.statusCode, again.json().code]).toEqual([409, 'ledger.device_exists'])
    await t.call({
      method: 'POST',
      url: `/api/devices/${id}/status`,
      cookie,
      payload: { status: 'fault', note: '画面黑屏' },
    })
    const fixed = await t.call({
      method: 'POST',
      url: `/api/devices/${id}/status`,
      cookie,
      payload: { status: 'normal' },
    })
    expect(
      fixed.json().history.map((h: { status: string; note: string | null }) => [h.status, h.note]),
    ).toEqual([
      ['normal', null],
      ['fault', '画面黑屏'],
    ])
    const faults = await t.call({ method: 'GET', url: '/api/devices?status=fault', cookie })
    expect(faults.json().items).toEqual([])
    const bad = await t.call({
      method: 'POST',
      url: `/api/devices/${id}/status`,
      cookie,
      payload: { status: 'broken' },
    })
    expect(bad.statusCode).toBe(400)
  })

  it('shows nothing of grid A to grid B’s worker, and takes no write there', async () => {
    const cookie = b.people.worker.cookie
    const listed = await t.call({ method: 'GET', url: '/api/devices?q=CAM-0001', cookie })
    expect(listed.json().items).toEqual([])
    const mine = await t.call({
      method: 'GET',
      url: '/api/devices?q=CAM-0001',
      cookie: a.people.worker.cookie,
    })
    const id = mine.json().items[0].id
    for (const res of [
      await t.call({ method: 'GET', url: `/api/devices/${id}`, cookie }),
      await t.call({
        method: 'POST',
        url: `/api/devices/${id}/status`,
        cookie,
        payload: { status: 'removed' },
      }),
      await t.call({ method: 'DELETE', url: `/api/devices/${id}`, cookie }),
    ])
      expect([res.statusCode, res.json().code]).toEqual([404, 'ledger.not_found'])
    const owner = await t.call({
      method: 'POST',
      url: '/api/devices',
      cookie: a.people.worker.cookie,
      payload: {
        code: 'FIRE-1',
        kind: 'fire_equipment',
        name: '灭火器',
        gridCode: '530104001001001',
        ownerOrganizationId: '01900000-0000-7000-8000-000000000000',
      },
    })
    expect([owner.statusCode, owner.json().code]).toEqual([400, 'ledger.owner_not_found'])
  })
})
