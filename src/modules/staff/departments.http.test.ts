import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'

let t: TestApp
let admin: { cookie: string }
beforeAll(async () => {
  t = await testApp()
  admin = await t.as([{ key: 'admin' }])
})
afterAll(() => t?.close())

const define = (body: Record<string, unknown>, cookie = admin.cookie) =>
  t.call({ method: 'POST', url: '/api/departments', cookie, payload: body })

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
})
