import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'

let t: TestApp
let admin: { cookie: string }
/** Reads the audit log (三员分立: not the system administrator's). */
let auditor: { cookie: string }
beforeAll(async () => {
  t = await testApp()
  admin = await t.as([{ key: 'admin' }])
  auditor = await t.as([{ key: 'audit_admin' }])
})
afterAll(() => t?.close())

const define = (body: Record<string, unknown>, cookie = admin.cookie) =>
  t.call({ method: 'POST', url: '/api/departments', cookie, payload: body })
const change = (code: string, body: Record<string, unknown>, cookie = admin.cookie) =>
  t.call({ method: 'PATCH', url: `/api/departments/${code}`, cookie, payload: body })
const square = (x: number, y: number, size: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + size, y],
      [x + size, y + size],
      [x, y + size],
      [x, y],
    ],
  ],
})

describe('departments 职能部门', () => {
  it('are defined with a parent, serve grids, and list with them', async () => {
    expect((await define({ code: 'gov', name: '区政府', contactPhone: '028-8000 0000' })).statusCode).toBe(
      201,
    )
    const police = await define({ code: 'police', name: '公安分局', parentCode: 'gov' })
    expect(police.json()).toMatchObject({ code: 'police', parentCode: 'gov', grids: [] })
    await t.call({
      method: 'POST',
      url: '/api/grids',
      cookie: admin.cookie,
      payload: {
        code: '540101',
        name: '区',
        level: 'district',
        boundary: {
          type: 'Polygon',
          coordinates: [
            [
              [70, 30],
              [70.1, 30],
              [70.1, 30.1],
              [70, 30.1],
              [70, 30],
            ],
          ],
        },
      },
    })
    const served = await t.call({
      method: 'POST',
      url: '/api/departments/police/grids',
      cookie: admin.cookie,
      payload: { gridCode: '540101' },
    })
    expect(served.json().grids).toEqual(['540101'])
    const list = await t.call({ method: 'GET', url: '/api/departments', cookie: admin.cookie })
    expect(list.json().map((d: { code: string }) => d.code)).toEqual(['gov', 'police'])
  })

  it('refuses a taken code, an unknown parent, bad input and a definer without the whole deployment', async () => {
    await define({ code: 'civil', name: '民政局' })
    expect((await define({ code: 'civil', name: '民政局' })).json().code).toBe('department.code_taken')
    expect((await define({ code: 'health', name: '卫健局', parentCode: 'nope' })).json().code).toBe(
      'department.parent_not_found',
    )
    expect((await define({ code: 'a b', name: '' })).json().code).toBe('request.invalid')
    const chief = await t.as([{ key: 'street_chief', scope: { type: 'grid', path: '540101.001' } }])
    expect((await define({ code: 'market', name: '市场监管局' }, chief.cookie)).statusCode).toBe(403)
    expect(
      (
        await t.call({
          method: 'POST',
          url: '/api/departments/nope/grids',
          cookie: admin.cookie,
          payload: { gridCode: '540101' },
        })
      ).json().code,
    ).toBe('department.not_found')
  })

  it('list their staff: the users holding a role scoped to the department', async () => {
    const dept = (await define({ code: 'urban', name: '城管局' })).json()
    const officer = await t.make.user({
      roles: [{ key: 'department_staff', scope: { type: 'department', id: dept.id } }],
    })
    await t.make.user({ roles: [{ key: 'grid_worker' }] })
    const staff = await t.call({ method: 'GET', url: '/api/departments/urban/staff', cookie: admin.cookie })
    expect(staff.statusCode, staff.body).toBe(200)
    expect(staff.json()).toEqual([
      expect.objectContaining({
        userId: officer.id,
        username: officer.username,
        role: 'department_staff',
        active: true,
      }),
    ])
    const worker = await t.as([{ key: 'grid_worker', scope: { type: 'grid', path: '540101' } }])
    expect(
      (await t.call({ method: 'GET', url: '/api/departments/urban/staff', cookie: worker.cookie }))
        .statusCode,
    ).toBe(403)
    expect(
      (await t.call({ method: 'GET', url: '/api/departments/nope/staff', cookie: admin.cookie })).json().code,
    ).toBe('department.not_found')
  })

  it('are changed: name, duty phone, kind and parent, never under themselves; the change is audited', async () => {
    await define({ code: 'city', name: '市政府' })
    await define({ code: 'roads', name: '交通局', parentCode: 'city', contactPhone: '028-8100 0000' })
    await define({ code: 'signals', name: '信号科', parentCode: 'roads' })
    const changed = await change('roads', {
      name: '交通运输局',
      kind: 'transport',
      contactPhone: null,
      parentCode: null,
    })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json()).toMatchObject({
      code: 'roads',
      name: '交通运输局',
      kind: 'transport',
      contactPhone: null,
      parentCode: null,
    })
    expect((await change('roads', { parentCode: 'signals' })).json().code).toBe('department.parent_cycle')
    expect((await change('roads', { parentCode: 'roads' })).json().code).toBe('department.parent_cycle')
    expect((await change('roads', { parentCode: 'nope' })).json().code).toBe('department.parent_not_found')
    expect((await change('nope', { name: 'x' })).json().code).toBe('department.not_found')
    expect((await change('roads', { name: '' })).json().code).toBe('request.invalid')
    expect((await change('signals', { parentCode: 'city' })).json().parentCode).toBe('city')
    const chief = await t.as([{ key: 'street_chief', scope: { type: 'grid', path: '540101.001' } }])
    expect((await change('roads', { name: '交通局' }, chief.cookie)).statusCode).toBe(403)

    const audit = await t.call({
      method: 'GET',
      url: '/api/audit?action=department.update&resourceId=roads',
      cookie: auditor.cookie,
    })
    expect(audit.json().items).toEqual([
      expect.objectContaining({
        summary: expect.objectContaining({
          name: { from: '交通局', to: '交通运输局' },
          parentCode: { from: 'city', to: null },
          kind: { from: null, to: 'transport' },
        }),
      }),
    ])
  })

  it('stop serving a grid, and say to each reader what they may do', async () => {
    await t.call({
      method: 'POST',
      url: '/api/grids',
      cookie: admin.cookie,
      payload: { code: '540102', name: '东区', level: 'district', boundary: square(71, 30, 0.1) },
    })
    await define({ code: 'water', name: '水务局' })
    const serve = (cookie = admin.cookie) =>
      t.call({ method: 'POST', url: '/api/departments/water/grids', cookie, payload: { gridCode: '540102' } })
    expect((await serve()).json().servedGrids).toEqual([{ code: '540102', name: '东区' }])
    const unserve = (cookie = admin.cookie) =>
      t.call({ method: 'DELETE', url: '/api/departments/water/grids/540102', cookie })
    const reader = await t.as([{ key: 'dispatcher', scope: { type: 'grid', path: '540102' } }])
    expect((await unserve(reader.cookie)).statusCode).toBe(403)
    const done = await unserve()
    expect(done.statusCode, done.body).toBe(200)
    expect(done.json()).toMatchObject({ grids: [], servedGrids: [] })
    expect((await unserve()).statusCode).toBe(200)

    const water = async (cookie: string) =>
      (await t.call({ method: 'GET', url: '/api/departments', cookie }))
        .json()
        .find((x: { code: string }) => x.code === 'water')
    expect((await water(admin.cookie)).abilities).toEqual(['update', 'serve', 'staff'])
    expect((await water(reader.cookie)).abilities).toEqual([])
    const abilities = (cookie: string) =>
      t.call({ method: 'GET', url: '/api/departments/abilities', cookie }).then((r) => r.json())
    expect(await abilities(admin.cookie)).toEqual({ abilities: ['create'] })
    expect(await abilities(reader.cookie)).toEqual({ abilities: [] })
  })
})
