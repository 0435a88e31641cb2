import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import { testDatabase } from '../../../test/support/db'
import { queryRows } from '../../db/database'
import { ensureAdmin } from './bootstrap'

let t: TestApp
beforeAll(async () => {
  t = await testApp()
})
afterAll(() => t?.close())

const signIn = (username: string, password: string) =>
  t.call({ method: 'POST', url: '/api/auth/login', payload: { username, password } })

describe('the lockout holds under concurrent guesses', () => {
  it('checks at most five passwords from a burst, then refuses even the right one', async () => {
    const u = await t.make.user()
    const burst = await Promise.all(
      Array.from({ length: 10 }, (_, i) => signIn(u.username, `Wrong#pass${i}`)),
    )
    const codes = burst.map((r) => r.json().code)
    expect(codes.filter((c) => c === 'auth.invalid_credentials').length).toBeLessThanOrEqual(4)
    expect(codes.filter((c) => c === 'auth.locked').length).toBeGreaterThanOrEqual(6)
    const right = await signIn(u.username, u.password)
    expect(right.statusCode).toBe(423)
  })

  it('counts wrong current passwords on the password change too', async () => {
    const u = await t.make.user()
    const cookie = await t.login(u.username, u.password)
    const change = (currentPassword: string) =>
      t.call({
        method: 'POST',
        url: '/api/auth/password',
        cookie,
        payload: { currentPassword, newPassword: 'Next#2026pass' },
      })
    for (let i = 0; i < 4; i++)
      expect((await change(`Guess#${i}aaaa`)).json().code).toBe('auth.wrong_current_password')
    expect((await change('Guess#5aaaa')).statusCode).toBe(423)
    expect((await change(u.password)).statusCode).toBe(423)
  })

  it('leaves no typed username in the audit row of a failed sign-in', async () => {
    const typed = `Secret#Typed${Date.now()}`
    await signIn(typed, 'whatever1')
    const rows = await queryRows<{ summary: unknown }>(
      t.database.db,
      sql`select summary from audit_log where action = 'auth.password_failed' order by id desc limit 1`,
    )
    expect(JSON.stringify(rows[0]?.summary)).not.toContain(typed)
  })
})

describe('a password set by someone else must be changed first', () => {
  it('allows only me, password change and sign-out until the user changes it', async () => {
    const admin = await t.as([{ key: 'admin' }])
    const u = await t.make.user({ roles: [{ key: 'grid_worker' }] })
    const reset = await t.call({
      method: 'POST',
      url: `/api/users/${u.id}/password`,
      cookie: admin.cookie,
      payload: { password: 'Reset#2026pass' },
    })
    expect(reset.statusCode).toBe(204)
    const cookie = await t.login(u.username, 'Reset#2026pass')
    const roles = await t.call({ method: 'GET', url: '/api/roles', cookie })
    expect(roles.statusCode).toBe(403)
    expect(roles.json().code).toBe('auth.password_change_required')
    expect((await t.call({ method: 'GET', url: '/api/auth/me', cookie })).json().mustChangePassword).toBe(
      true,
    )
    const change = await t.call({
      method: 'POST',
      url: '/api/auth/password',
      cookie,
      payload: { currentPassword: 'Reset#2026pass', newPassword: 'Mine#2026pass' },
    })
    expect(change.statusCode).toBe(204)
    expect((await t.call({ method: 'GET', url: '/api/auth/me', cookie })).json().mustChangePassword).toBe(
      false,
    )
  })

  it('flags a generated administrator password (a configured one is not: see the e2e sign-in)', async () => {
    const fresh = await testDatabase()
    try {
      const deps = { db: fresh.db, afterWrite: () => {} }
      const first = await ensureAdmin(deps)
      expect(first.created).toBe(true)
      expect(first.generated).toMatch(/^.{16}$/)
      const rows = await queryRows<{ must: boolean }>(
        fresh.db,
        sql`select must_change_password as must from users where username = 'admin'`,
      )
      expect(rows[0]?.must).toBe(true)
      expect(await ensureAdmin(deps)).toEqual({ created: false, generated: null })
    } finally {
      await fresh.close()
    }
  })
})

describe('roles cannot be a way up', () => {
  it('refuses a role manager a role holding permissions they lack', async () => {
    const admin = await t.as([{ key: 'admin' }])
    const key = `role_admin_${Date.now()}`
    const created = await t.call({
      method: 'POST',
      url: '/api/roles',
      cookie: admin.cookie,
      payload: { key, nameZh: '角色管理员', nameEn: 'Role admin', permissions: ['role.manage', 'case.read'] },
    })
    expect(created.statusCode).toBe(201)
    const manager = await t.as([{ key }])
    const escalate = await t.call({
      method: 'POST',
      url: '/api/roles',
      cookie: manager.cookie,
      payload: { key: `${key}_up`, nameZh: '提权', nameEn: 'Up', permissions: ['user.manage'] },
    })
    expect(escalate.statusCode).toBe(403)
    expect(escalate.json().code).toBe('auth.grant_exceeds_own')
    const widen = await t.call({
      method: 'PATCH',
      url: `/api/roles/${created.json().id}`,
      cookie: manager.cookie,
      payload: { permissions: ['role.manage', 'case.read', 'audit.read'] },
    })
    expect(widen.statusCode).toBe(403)
  })

  it('keeps a role named by a revoked API key', async () => {
    const admin = await t.as([{ key: 'admin' }])
    const role = await t.call({
      method: 'POST',
      url: '/api/roles',
      cookie: admin.cookie,
      payload: {
        key: `hotline_${Date.now()}`,
        nameZh: '热线',
        nameEn: 'Hotline',
        permissions: ['case.report'],
      },
    })
    const issued = await t.call({
      method: 'POST',
      url: '/api/api-keys',
      cookie: admin.cookie,
      payload: { name: 'hotline', roleId: role.json().id, scope: { type: 'grid', path: '' } },
    })
    await t.call({ method: 'DELETE', url: `/api/api-keys/${issued.json().id}`, cookie: admin.cookie })
    const removed = await t.call({
      method: 'DELETE',
      url: `/api/roles/${role.json().id}`,
      cookie: admin.cookie,
    })
    expect(removed.statusCode).toBe(409)
    expect(removed.json().code).toBe('role.in_use')
  })
})

describe('integrations and the audit trail', () => {
  it('lets an API key holding user.manage create a user', async () => {
    const admin = await t.as([{ key: 'admin' }])
    const adminRole = await t.make.role('admin')
    const issued = await t.call({
      method: 'POST',
      url: '/api/api-keys',
      cookie: admin.cookie,
      payload: { name: 'hr-sync', roleId: adminRole.id, scope: { type: 'grid', path: '' } },
    })
    const worker = await t.make.role('grid_worker')
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { authorization: `Bearer ${issued.json().key}` },
      payload: {
        username: `synced_${Date.now()}`,
        displayName: '同步用户',
        password: 'Sync#2026pass',
        grants: [{ roleId: worker.id, scope: { type: 'grid', path: '' } }],
      },
    })
    expect(created.statusCode, created.body).toBe(201)
  })

  it('records that a name changed, not the name', async () => {
    const admin = await t.as([{ key: 'admin' }])
    const u = await t.make.user({ roles: [{ key: 'grid_worker' }] })
    await t.call({
      method: 'PATCH',
      url: `/api/users/${u.id}`,
      cookie: admin.cookie,
      payload: { displayName: '李四新名' },
    })
    const rows = await queryRows<{ summary: unknown }>(
      t.database.db,
      sql`select summary from audit_log where action = 'user.update' and resource_id = ${u.id}`,
    )
    expect(JSON.stringify(rows[0]?.summary)).toContain('displayName')
    expect(JSON.stringify(rows[0]?.summary)).not.toContain('李四新名')
  })
})
