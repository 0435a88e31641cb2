import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import type { Place } from '../../../test/support/make'

let t: TestApp
let place: Place
beforeAll(async () => {
  t = await testApp()
  place = await t.make.place({ d: '720101', x: 104.1 })
})
afterAll(() => t?.close())

interface Node {
  code: string
  name: string
  level: string
  path: string
  hasChildren: boolean
}

async function outline(cookie: string, query: Record<string, string> = {}) {
  const res = await t.call({ method: 'GET', url: '/api/grids/outline', query, cookie })
  return { status: res.statusCode, items: (res.json() as { items?: Node[] }).items ?? [] }
}

describe('GET /api/grids/outline, the tree for scope pickers', () => {
  it('gives the security administrator, who reads no grid, the tree level by level and by search', async () => {
    const security = await t.as([{ key: 'security_admin' }])
    const roots = await outline(security.cookie)
    expect(roots.items).toContainEqual({
      code: '720101',
      name: 'district720101',
      level: 'district',
      path: place.paths.district,
      hasChildren: true,
    })
    const streets = await outline(security.cookie, { parent: '720101' })
    expect(streets.items.map((g) => g.code)).toEqual(['720101001'])
    const found = await outline(security.cookie, { q: 'micro720101' })
    expect(found.items).toEqual([expect.objectContaining({ path: place.micro, hasChildren: false })])
  })

  it('keeps a street chief inside the street: it starts there and finds nothing outside', async () => {
    await t.make.place({ d: '720102', x: 104.6 })
    const chief = await t.as([{ key: 'street_chief', scope: { type: 'grid', path: place.paths.street } }])
    expect((await outline(chief.cookie)).items.map((g) => g.path)).toEqual([place.paths.street])
    expect((await outline(chief.cookie, { parent: '720101' })).items.map((g) => g.code)).toEqual([
      '720101001',
    ])
    expect((await outline(chief.cookie, { q: 'community720102' })).items).toEqual([])
    expect((await outline(chief.cookie, { q: 'community720101' })).items.map((g) => g.path)).toEqual([
      place.paths.community,
    ])
  })

  it('is refused to one who neither reads grids nor grants roles', async () => {
    const auditor = await t.as([{ key: 'audit_admin' }])
    expect((await outline(auditor.cookie)).status).toBe(403)
  })

  it('lists the departments to the security administrator, who scopes grants to them', async () => {
    const security = await t.as([{ key: 'security_admin' }])
    const res = await t.call({ method: 'GET', url: '/api/departments', cookie: security.cookie })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toContainEqual(expect.objectContaining({ id: place.departmentId, name: '环卫所' }))
  })
})
