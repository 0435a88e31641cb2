import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import type { Scope } from '../../lib/context'

let t: TestApp
beforeAll(async () => {
  t = await testApp()
})
afterAll(() => t?.close())

let n = 0
const uniqueKey = () => `custom_${++n}_${Date.now().toString(36)}`
const ROOT: Scope = { type: 'grid', path: '' }
// Roles and keys are the security administrator's (三员分立).
const admin = () => t.as([{ key: 'security_admin' }])

function createRole(cookie: string, body: { key?: string; permissions: string[] }) {
  return t.call({
    method: 'POST',
    url: '/api/roles',
    cookie,
    payload: {
      key: body.key ?? uniqueKey(),
      nameZh: '巡查员',
      nameEn: 'Patrol',
      permissions: body.permissions,
    },
  })
}

async function issueKey(cookie: string, roleKey: string, scope: Scope = ROOT) {
  const roleId = (await t.make.role(roleKey)).id
  return t.call({
    method: 'POST',
    url: '/api/api-keys',
    cookie,
    payload: { name: `key ${roleKey}`, roleId, scope },
  })
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` })

describe('roles', () => {
  it('defines a custom role (201) and lists it after the built-in ones', async () => {
    const a = await admin()
    const key = uniqueKey()
    const res = await createRole(a.cookie, { key, permissions: ['case.read', 'grid.read', 'case.read'] })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ key, builtin: false, permissions: ['case.read', 'grid.read'] })
    const list = await t.call({ method: 'GET', url: '/api/roles', cookie: a.cookie })
    const keys = list.json().map((r: { key: string }) => r.key)
    expect(keys).toContain(key)
    expect(keys.indexOf('admin')).toBeLessThan(keys.indexOf(key))
  })

  it('refuses an unknown permission with 400 role.unknown_permission', async () => {
    const a = await admin()
    const res = await createRole(a.cookie, { permissions: ['case.read', 'case.delete_everything'] })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'role.unknown_permission', unknown: ['case.delete_everything'] })
  })

  it('refuses a key already taken with 409 role.key_taken', async () => {
    const a = await admin()
    const key = uniqueKey()
    expect((await createRole(a.cookie, { key, permissions: ['case.read'] })).statusCode).toBe(201)
    const res = await createRole(a.cookie, { key, permissions: ['grid.read'] })
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('role.key_taken')
  })

  it('refuses a built-in role’s key with 409 role.key_taken', async () => {
    const a = await admin()
    const res = await createRole(a.cookie, { key: 'grid_worker', permissions: ['case.read'] })
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('role.key_taken')
  })

  it.each([
    ['PATCH', { nameEn: 'Superuser' }],
    ['DELETE', undefined],
  ] as const)('refuses to %s a built-in role with 409 role.builtin', async (method, payload) => {
    const a = await admin()
    const role = await t.make.role('grid_worker')
    const res = await t.call({ method, url: `/api/roles/${role.id}`, cookie: a.cookie, payload })
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('role.builtin')
    expect((await t.make.role('grid_worker')).nameEn).toBe('Grid worker')
  })

  it('changes a custom role', async () => {
    const a = await admin()
    const created = (await createRole(a.cookie, { permissions: ['case.read'] })).json()
    const res = await t.call({
      method: 'PATCH',
      url: `/api/roles/${created.id}`,
      cookie: a.cookie,
      payload: { permissions: ['case.read', 'case.report'] },
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().permissions).toEqual(['case.read', 'case.report'])
  })

  it('lists each permission once, on change as on creation', async () => {
    const a = await admin()
    const created = (await createRole(a.cookie, { permissions: ['case.read'] })).json()
    const res = await t.call({
      method: 'PATCH',
      url: `/api/roles/${created.id}`,
      cookie: a.cookie,
      payload: { permissions: ['case.report', 'case.read', 'case.report'] },
    })
    expect(res.statusCode, res.body).toBe(200)
    expect([...res.json().permissions].sort()).toEqual(['case.read', 'case.report'])
  })

  it('refuses to delete a role someone holds with 409 role.in_use, and deletes it once unused', async () => {
    const a = await admin()
    const key = uniqueKey()
    const created = (await createRole(a.cookie, { key, permissions: ['case.read'] })).json()
    await t.make.user({ roles: [{ key, scope: { type: 'grid', path: '510104' } }] })
    const inUse = await t.call({ method: 'DELETE', url: `/api/roles/${created.id}`, cookie: a.cookie })
    expect(inUse.statusCode).toBe(409)
    expect(inUse.json().code).toBe('role.in_use')

    const unused = (await createRole(a.cookie, { permissions: ['case.read'] })).json()
    const res = await t.call({ method: 'DELETE', url: `/api/roles/${unused.id}`, cookie: a.cookie })
    expect(res.statusCode).toBe(204)
    const list = await t.call({ method: 'GET', url: '/api/roles', cookie: a.cookie })
    expect(list.json().map((r: { id: string }) => r.id)).not.toContain(unused.id)
  })

  it('refuses role definition to a street chief with 403 auth.forbidden', async () => {
    const chief = await t.as([{ key: 'street_chief', scope: { type: 'grid', path: '510104.001' } }])
    const res = await createRole(chief.cookie, { permissions: ['case.read'] })
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('auth.forbidden')
  })
})

describe('API keys', () => {
  it('shows the key once, on creation; the list never shows it', async () => {
    const a = await admin()
    const res = await issueKey(a.cookie, 'shift_lead')
    expect(res.statusCode, res.body).toBe(201)
    const created = res.json()
    expect(created.key).toMatch(/^wgk_[\w-]{20,}$/)
    expect(created.prefix).toBe(created.key.slice(0, created.prefix.length))
    expect(created.prefix.length).toBeLessThan(created.key.length)

    const list = await t.call({ method: 'GET', url: '/api/api-keys', cookie: a.cookie })
    expect(list.statusCode).toBe(200)
    expect(list.json()).toContainEqual(expect.objectContaining({ id: created.id, roleKey: 'shift_lead' }))
    expect(list.body).not.toContain(created.key)
    for (const k of list.json()) expect(k).not.toHaveProperty('key')
  })

  it('authenticates a GET with Authorization: Bearer, within its role', async () => {
    const a = await admin()
    const { key } = (await issueKey(a.cookie, 'shift_lead')).json()
    const roles = await t.call({ method: 'GET', url: '/api/roles', headers: bearer(key) })
    expect(roles.statusCode, roles.body).toBe(200)
    expect(roles.json().length).toBeGreaterThan(0)
    const audit = await t.call({ method: 'GET', url: '/api/audit', headers: bearer(key) })
    expect(audit.statusCode).toBe(403)
    expect(audit.json().code).toBe('auth.forbidden')
  })

  it('is not a user: /api/auth/me answers 401 auth.unauthenticated', async () => {
    const a = await admin()
    const { key } = (await issueKey(a.cookie, 'shift_lead')).json()
    const res = await t.call({ method: 'GET', url: '/api/auth/me', headers: bearer(key) })
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('auth.unauthenticated')
  })

  it('is exempt from the CSRF check: a write with a foreign Origin goes through', async () => {
    const a = await admin()
    const { key } = (await issueKey(a.cookie, 'security_admin')).json()
    const res = await t.call({
      method: 'POST',
      url: '/api/roles',
      headers: { ...bearer(key), origin: 'https://evil.example' },
      payload: { key: uniqueKey(), nameZh: '热线', nameEn: 'Hotline', permissions: ['case.report'] },
    })
    expect(res.statusCode, res.body).toBe(201)
  })

  it('stops working once revoked: 401 auth.invalid_api_key', async () => {
    const a = await admin()
    const created = (await issueKey(a.cookie, 'shift_lead')).json()
    const revoke = await t.call({ method: 'DELETE', url: `/api/api-keys/${created.id}`, cookie: a.cookie })
    expect(revoke.statusCode).toBe(204)
    const res = await t.call({ method: 'GET', url: '/api/roles', headers: bearer(created.key) })
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('auth.invalid_api_key')
    const list = await t.call({ method: 'GET', url: '/api/api-keys', cookie: a.cookie })
    const listed = list.json().find((k: { id: string }) => k.id === created.id)
    expect(listed.revokedAt).toEqual(expect.any(String))
  })

  it.each([
    ['unknown', 'wgk_thisKeyWasNeverIssuedByAnyoneAtAll0000000'],
    ['not a key at all', 'eyJhbGciOiJIUzI1NiJ9.e30.x'],
  ])('refuses a bearer that is %s with 401 auth.invalid_api_key', async (_name, key) => {
    const res = await t.call({ method: 'GET', url: '/api/roles', headers: bearer(key) })
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('auth.invalid_api_key')
  })

  it('refuses to issue a key with more permissions than the issuer holds (403), but issues one within them', async () => {
    const a = await admin()
    const keyManager = uniqueKey()
    expect(
      (await createRole(a.cookie, { key: keyManager, permissions: ['apikey.manage', 'case.read'] }))
        .statusCode,
    ).toBe(201)
    const issuer = await t.as([{ key: keyManager }])

    const tooMuch = await issueKey(issuer.cookie, 'shift_lead')
    expect(tooMuch.statusCode).toBe(403)
    expect(tooMuch.json().code).toBe('auth.grant_exceeds_own')

    const within = await issueKey(issuer.cookie, keyManager)
    expect(within.statusCode, within.body).toBe(201)
  })

  it('refuses key management to someone without apikey.manage', async () => {
    const chief = await t.as([{ key: 'street_chief', scope: { type: 'grid', path: '510104.001' } }])
    const list = await t.call({ method: 'GET', url: '/api/api-keys', cookie: chief.cookie })
    expect(list.statusCode).toBe(403)
    const issue = await issueKey(chief.cookie, 'dispatcher', { type: 'grid', path: '510104.001' })
    expect(issue.statusCode).toBe(403)
  })
})
