import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import type { Place } from '../../../test/support/make'

let t: TestApp
let place: Place
let admin: { id: string; username: string; cookie: string }
let auditor: { cookie: string }

beforeAll(async () => {
  t = await testApp()
  place = await t.make.place({ d: '710101', x: 103.1 })
  admin = await t.as([{ key: 'admin' }])
  auditor = await t.as([{ key: 'audit_admin' }])
})
afterAll(() => t?.close())

interface Entry {
  action: string
  actorId: string | null
  actorUser: { username: string; displayName: string } | null
  resourceType: string | null
  resourceRef: { name: string; username?: string; caseId?: string } | null
  summary: Record<string, unknown>
}
interface Page {
  items: Entry[]
  names: {
    grids: Record<string, string>
    departments: Record<string, string>
    roles: Record<string, { zh: string; en: string }>
  }
}

async function auditPage(query: Record<string, string>, cookie = auditor.cookie) {
  const res = await t.call({ method: 'GET', url: '/api/audit', query, cookie })
  return { status: res.statusCode, page: res.json() as Page }
}

describe('GET /api/audit, readable', () => {
  it('names the actor, the user created, and the grid and role of the grant by their names', async () => {
    const worker = await t.make.role('grid_worker')
    const created = await t.call({
      method: 'POST',
      url: '/api/users',
      cookie: admin.cookie,
      payload: {
        username: `auditee_${Date.now().toString(36)}`,
        displayName: '李审计',
        password: 'Audit#2026read',
        grants: [
          { roleId: worker.id, scope: { type: 'grid', path: place.paths.community } },
          { roleId: worker.id, scope: { type: 'department', id: place.departmentId } },
        ],
      },
    })
    expect(created.statusCode).toBe(201)

    const { status, page } = await auditPage({ actorId: admin.id, action: 'user.create' })
    expect(status).toBe(200)
    const [entry] = page.items
    expect(entry?.actorUser).toEqual({ username: admin.username, displayName: expect.any(String) })
    expect(entry?.resourceType).toBe('user')
    expect(entry?.resourceRef).toMatchObject({ name: '李审计', username: created.json().username })
    expect(page.names.grids[place.paths.community]).toBe('community710101')
    expect(page.names.departments[place.departmentId]).toBe('环卫所')
    expect(page.names.roles.grid_worker).toEqual({ zh: worker.nameZh, en: worker.nameEn })
  })

  it('leaves the actor unnamed for the system, and names a grid resource by its grid', async () => {
    const { page } = await auditPage({ action: 'grid.create', resourceId: '710101001' })
    const [entry] = page.items
    expect(entry?.actorUser).toBeNull()
    expect(entry?.resourceRef).toEqual({ name: 'street710101' })
  })

  it('names a case resource by its number and gives the id its page opens by', async () => {
    const reported = await t.make.case({ place })
    const { page } = await auditPage({ action: 'case.report', resourceId: reported.no })
    expect(page.items[0]?.resourceRef).toEqual({ name: reported.no, caseId: reported.id })
  })

  it('is for the audit administrator only', async () => {
    expect((await auditPage({}, admin.cookie)).status).toBe(403)
  })
})

describe('GET /api/audit/actors, the person filter', () => {
  const actors = (q: string, cookie = auditor.cookie) =>
    t.call({ method: 'GET', url: '/api/audit/actors', query: { q }, cookie })

  it('finds an account by part of its name or its username, in any case', async () => {
    const target = await t.make.user({ displayName: '欧阳审阅', roles: [{ key: 'grid_worker' }] })
    const byName = await actors('欧阳')
    expect(byName.statusCode).toBe(200)
    expect(byName.json().items).toContainEqual({
      id: target.id,
      username: target.username,
      displayName: '欧阳审阅',
    })
    const byUsername = await actors(target.username.slice(0, -1).toUpperCase())
    expect(byUsername.json().items.map((a: { id: string }) => a.id)).toContain(target.id)
  })

  it('matches % and _ as themselves, not as wildcards', async () => {
    const res = await actors('%')
    expect(res.statusCode).toBe(200)
    expect(res.json().items).toEqual([])
  })

  it('is refused to a reader without audit.read, and an empty or NUL search is a 400', async () => {
    expect((await actors('欧阳', admin.cookie)).statusCode).toBe(403)
    const empty = await actors('  ')
    expect(empty.statusCode).toBe(400)
    expect(empty.headers['content-type']).toMatch(/problem\+json/)
    expect((await actors('a\u0000b')).statusCode).toBe(400)
  })
})
