import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import { queryRows } from '../../db/database'
import type { Scope } from '../../lib/context'

let t: TestApp
beforeAll(async () => {
  t = await testApp()
})
afterAll(() => t?.close())

let n = 0
const uniqueName = (base = 'u') => `${base}${++n}_${Date.now().toString(36)}`
const grid = (path: string): Scope => ({ type: 'grid', path })
const admin = () => t.as([{ key: 'admin' }])
const streetChief = () => t.as([{ key: 'street_chief', scope: grid('510104.001') }])

async function grantBody(roleKey: string, scope: Scope) {
  return { roleId: (await t.make.role(roleKey)).id, scope }
}

function createUser(cookie: string, body: Record<string, unknown>) {
  return t.call({ method: 'POST', url: '/api/users', cookie, payload: body })
}

const newUserBody = (extra: Record<string, unknown> = {}) => ({
  username: uniqueName(),
  displayName: '王网格',
  password: 'Grid#2026new',
  ...extra,
})

async function userCount(username: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    t.database.db,
    sql`select count(*)::int as n from users where lower(username) = lower(${username})`,
  )
  return Number(row?.n)
}

describe('creating users', () => {
  it('creates a user (201) and audits it without the password', async () => {
    const a = await admin()
    const body = newUserBody({ grants: [await grantBody('grid_worker', grid('510104.001.002'))] })
    const res = await createUser(a.cookie, body)
    expect(res.statusCode, res.body).toBe(201)
    const created = res.json()
    expect(created).toMatchObject({
      username: body.username,
      displayName: '王网格',
      status: 'active',
      mustChangePassword: true,
      grants: [{ roleKey: 'grid_worker', scope: grid('510104.001.002') }],
    })
    expect(created).not.toHaveProperty('passwordHash')
    expect(res.body).not.toContain(body.password)

    const audit = await queryRows<{ actor_id: string; summary: unknown }>(
      t.database.db,
      sql`select actor_id, summary from audit_log where action = 'user.create' and resource_id = ${created.id}`,
    )
    expect(audit).toHaveLength(1)
    expect(audit[0]?.actor_id).toBe(a.id)
    const summary = JSON.stringify(audit[0]?.summary)
    expect(summary).toContain(body.username)
    expect(summary).not.toContain(body.password)
    expect(summary).not.toMatch(/password|argon2/i)

    expect((await t.call({ method: 'POST', url: '/api/auth/login', payload: body })).statusCode).toBe(200)
  })

  it('refuses a username taken in another case with 409 user.username_taken', async () => {
    const a = await admin()
    const username = uniqueName('Li.Ming')
    expect((await createUser(a.cookie, newUserBody({ username }))).statusCode).toBe(201)
    const res = await createUser(a.cookie, newUserBody({ username: username.toUpperCase() }))
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('user.username_taken')
    expect(await userCount(username)).toBe(1)
  })

  it('refuses a weak password with 400 auth.password_weak', async () => {
    const a = await admin()
    const body = newUserBody({ password: 'abcdefgh' })
    const res = await createUser(a.cookie, body)
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('auth.password_weak')
    expect(await userCount(body.username)).toBe(0)
  })

  it.each(['Password1', 'Passw0rd!', '12345678Aa'])(
    'refuses %j (3 classes, but guessable) with zxcvbn’s feedback keys',
    async (password) => {
      const a = await admin()
      const body = newUserBody({ password })
      const res = await createUser(a.cookie, body)
      expect(res.statusCode).toBe(400)
      expect(res.json()).toMatchObject({
        code: 'auth.password_weak',
        reason: 'guessable',
        warning: expect.stringMatching(/^[a-zA-Z]+$/),
      })
      expect(await userCount(body.username)).toBe(0)
    },
  )

  it('refuses a password made of the user’s own name', async () => {
    const a = await admin()
    const body = newUserBody({ username: `zhangweidong${++n}`, password: `Zhangweidong#${n}` })
    const res = await createUser(a.cookie, body)
    expect(res.json()).toMatchObject({ code: 'auth.password_weak', warning: 'userInputs' })
  })

  it.each([
    ['a username with spaces', { username: 'wang wu' }, 'body.username'],
    ['a one-letter username', { username: 'w' }, 'body.username'],
    ['a 65-character username', { username: 'w'.repeat(65) }, 'body.username'],
    ['no displayName', { displayName: undefined }, 'body.displayName'],
    ['a blank displayName', { displayName: '   ' }, 'body.displayName'],
    ['a 65-character displayName', { displayName: '网'.repeat(65) }, 'body.displayName'],
    ['a number as password', { password: 20262026 }, 'body.password'],
    ['grants as a string', { grants: 'admin' }, 'body.grants'],
    ['a grant with a bad roleId', { grants: [{ roleId: 'admin', scope: grid('') }] }, 'body.grants.0.roleId'],
    [
      'a grant with a bad path',
      { grants: [{ roleId: '0190a3b4-0000-7000-8000-000000000001', scope: grid('a..b') }] },
      'body.grants.0.scope',
    ],
  ])('refuses %s with 400 request.invalid naming the field', async (_name, change, field) => {
    const a = await admin()
    const res = await createUser(a.cookie, { ...newUserBody(), ...change })
    expect(res.statusCode).toBe(400)
    const body = res.json()
    expect(body.code).toBe('request.invalid')
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^${field.replace(/\./g, '\\.')}`))]),
    )
  })

  it('leaves nothing behind when the second grant names an unknown role', async () => {
    const a = await admin()
    const body = newUserBody({
      grants: [
        await grantBody('grid_worker', grid('510104.001.002')),
        { roleId: '0190a3b4-0000-7000-8000-00000000dead', scope: grid('510104.001.003') },
      ],
    })
    const res = await createUser(a.cookie, body)
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('role.not_found')
    expect(await userCount(body.username)).toBe(0)
  })

  it('leaves nothing behind when the database refuses the second grant (the same grant twice)', async () => {
    const a = await admin()
    const same = await grantBody('grid_worker', grid('510104.001.002'))
    const body = newUserBody({ grants: [same, same] })
    const res = await createUser(a.cookie, body)
    expect(await userCount(body.username)).toBe(0)
    expect(res.statusCode, res.body).toBe(409)
    expect(res.json().code).toBe('resource.conflict')
  })
})

describe('who may manage users', () => {
  it('refuses a grid worker the user list with 403 auth.forbidden', async () => {
    const w = await t.as([{ key: 'grid_worker', scope: grid('510104.001.002') }])
    const res = await t.call({ method: 'GET', url: '/api/users', cookie: w.cookie })
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('auth.forbidden')
  })

  // A street chief (user.manage over 510104.001) delegates inside the street, never outside it or upwards.
  it.each([
    ['grid_instructor', '510104.001.002', 201, null],
    ['dispatcher', '510104.001', 201, null],
    ['grid_instructor', '510104.002', 403, 'auth.grant_exceeds_own'],
    ['grid_instructor', '510104.0012', 403, 'auth.grant_exceeds_own'],
    ['grid_instructor', '', 403, 'auth.grant_exceeds_own'],
    ['admin', '510104.001.002', 403, 'auth.grant_exceeds_own'],
  ])('a street chief of 510104.001 granting %s in %j → %s', async (roleKey, path, status, code) => {
    const chief = await streetChief()
    const body = newUserBody({ grants: [await grantBody(roleKey, grid(path))] })
    const res = await createUser(chief.cookie, body)
    expect(res.statusCode, res.body).toBe(status)
    if (code) expect(res.json().code).toBe(code)
    expect(await userCount(body.username)).toBe(status === 201 ? 1 : 0)
  })

  // The street chief's user.manage is meant for staffing the street with grid workers (网格员).
  it('lets a street chief of 510104.001 create a grid worker in 510104.001.002', async () => {
    const chief = await streetChief()
    const body = newUserBody({ grants: [await grantBody('grid_worker', grid('510104.001.002'))] })
    const res = await createUser(chief.cookie, body)
    expect(res.statusCode, res.body).toBe(201)
  })

  it('refuses a street chief a grid worker in another street', async () => {
    const chief = await streetChief()
    const body = newUserBody({ grants: [await grantBody('grid_worker', grid('510104.002'))] })
    const res = await createUser(chief.cookie, body)
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('auth.grant_exceeds_own')
  })

  it('refuses a street chief the reset of an administrator’s password', async () => {
    const chief = await streetChief()
    const target = await t.make.user({ roles: [{ key: 'admin' }] })
    const res = await t.call({
      method: 'POST',
      url: `/api/users/${target.id}/password`,
      cookie: chief.cookie,
      payload: { password: 'Taken#over2026' },
    })
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('auth.forbidden')
    expect((await t.call({ method: 'POST', url: '/api/auth/login', payload: target })).statusCode).toBe(200)
  })

  it('refuses a community chief every way of managing another chief of the same community', async () => {
    const community = grid('510104.001.002')
    const chief = await t.as([{ key: 'community_chief', scope: community }])
    const peer = await t.make.user({ roles: [{ key: 'community_chief', scope: community }] })
    const worker = await t.make.role('grid_worker')
    const attempts = [
      { method: 'POST', url: `/api/users/${peer.id}/password`, payload: { password: 'Taken#Over2026x' } },
      { method: 'PATCH', url: `/api/users/${peer.id}`, payload: { status: 'disabled' } },
      { method: 'PATCH', url: `/api/users/${peer.id}`, payload: { displayName: '改名' } },
      { method: 'POST', url: `/api/users/${peer.id}/sessions/revoke` },
      {
        method: 'POST',
        url: `/api/users/${peer.id}/grants`,
        payload: { roleId: worker.id, scope: grid('510104.001.002.07') },
      },
    ] as const
    for (const a of attempts) {
      const res = await t.call({ ...a, cookie: chief.cookie })
      expect(res.statusCode, `${a.method} ${a.url}`).toBe(403)
    }
    const login = { username: peer.username, password: peer.password }
    expect((await t.call({ method: 'POST', url: '/api/auth/login', payload: login })).statusCode).toBe(200)
    const appoint = await createUser(
      chief.cookie,
      newUserBody({ grants: [await grantBody('community_chief', community)] }),
    )
    expect(appoint.statusCode).toBe(403)
    expect(appoint.json().code).toBe('auth.grant_exceeds_own')
  })

  it('lets a street chief reset the password of a user inside the street', async () => {
    const chief = await streetChief()
    const target = await t.make.user({ roles: [{ key: 'grid_instructor', scope: grid('510104.001.002') }] })
    const res = await t.call({
      method: 'POST',
      url: `/api/users/${target.id}/password`,
      cookie: chief.cookie,
      payload: { password: 'Reset#by2026chief' },
    })
    expect(res.statusCode, res.body).toBe(204)
  })
})

describe('seeing users', () => {
  /** Users with a shared tag in their names, one per place, so a search returns just them. */
  async function staffed() {
    const tag = uniqueName('s')
    const at = async (name: string, roles: { key: string; scope?: Scope }[]) =>
      (await t.make.user({ username: `${tag}_${name}`, roles })).id
    return {
      tag,
      inside: await at('inside', [{ key: 'grid_instructor', scope: grid('510104.001.002') }]),
      elsewhere: await at('elsewhere', [{ key: 'grid_instructor', scope: grid('510104.002') }]),
      lookalike: await at('lookalike', [{ key: 'grid_instructor', scope: grid('510104.0012') }]),
      root: await at('root', [{ key: 'admin' }]),
      none: await at('none', []),
    }
  }
  const listed = async (cookie: string, tag: string) => {
    const res = await t.call({ method: 'GET', url: `/api/users?q=${tag}`, cookie })
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    expect(body.total).toBe(body.items.length)
    return body.items.map((u: { username: string }) => u.username.slice(tag.length + 1)).sort()
  }

  it('matches % and _ in a search as themselves, not as wildcards', async () => {
    const s = await staffed()
    const a = await admin()
    const search = async (q: string) =>
      (await t.call({ method: 'GET', url: `/api/users?q=${encodeURIComponent(q)}`, cookie: a.cookie })).json()
    expect((await search('%')).total).toBe(0)
    expect((await search(`${s.tag.slice(0, -1)}%`)).total).toBe(0)
    expect((await search(`${s.tag}_insid_`)).total).toBe(0)
    expect((await search(`${s.tag}_inside`)).items.map((u: { id: string }) => u.id)).toEqual([s.inside])
  })

  it('shows an administrator everyone', async () => {
    const s = await staffed()
    const a = await admin()
    expect(await listed(a.cookie, s.tag)).toEqual(['elsewhere', 'inside', 'lookalike', 'none', 'root'])
  })

  it('shows a street chief only the users holding a grant inside the street', async () => {
    const s = await staffed()
    const chief = await streetChief()
    expect(await listed(chief.cookie, s.tag)).toEqual(['inside'])
  })

  it.each([
    ['inside', 200],
    ['elsewhere', 403],
    ['lookalike', 403],
    ['root', 403],
    ['none', 403],
  ] as const)('answers a street chief asking for the user %s with %s', async (who, status) => {
    const s = await staffed()
    const chief = await streetChief()
    const res = await t.call({ method: 'GET', url: `/api/users/${s[who]}`, cookie: chief.cookie })
    expect(res.statusCode, res.body).toBe(status)
    if (status === 403) expect(res.json().code).toBe('auth.forbidden')
  })
})

describe('managing a user', () => {
  it('disabling a user ends their sessions', async () => {
    const a = await admin()
    const target = await t.as([{ key: 'grid_worker', scope: grid('510104.001.002') }])
    expect((await t.call({ method: 'GET', url: '/api/auth/me', cookie: target.cookie })).statusCode).toBe(200)
    const res = await t.call({
      method: 'PATCH',
      url: `/api/users/${target.id}`,
      cookie: a.cookie,
      payload: { status: 'disabled' },
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ status: 'disabled', liveSessions: 0 })
    const after = await t.call({ method: 'GET', url: '/api/auth/me', cookie: target.cookie })
    expect(after.statusCode).toBe(401)
  })

  it('refuses to disable oneself with 400 user.cannot_disable_self', async () => {
    const a = await admin()
    const res = await t.call({
      method: 'PATCH',
      url: `/api/users/${a.id}`,
      cookie: a.cookie,
      payload: { status: 'disabled' },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('user.cannot_disable_self')
    expect((await t.call({ method: 'GET', url: '/api/auth/me', cookie: a.cookie })).statusCode).toBe(200)
  })

  it('resetting a password signs the user out, retires the old password and asks for a new one', async () => {
    const a = await admin()
    const target = await t.as([{ key: 'grid_worker', scope: grid('510104.001.002') }])
    const res = await t.call({
      method: 'POST',
      url: `/api/users/${target.id}/password`,
      cookie: a.cookie,
      payload: { password: 'Reset#2026pass' },
    })
    expect(res.statusCode, res.body).toBe(204)
    expect((await t.call({ method: 'GET', url: '/api/auth/me', cookie: target.cookie })).statusCode).toBe(401)
    const old = await t.call({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: target.username, password: 'Test#2026pass' },
    })
    expect(old.statusCode).toBe(401)
    const fresh = await t.call({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: target.username, password: 'Reset#2026pass' },
    })
    expect(fresh.statusCode).toBe(200)
    expect(fresh.json().mustChangePassword).toBe(true)
  })

  it('refuses a weak reset password', async () => {
    const a = await admin()
    const target = await t.make.user()
    const res = await t.call({
      method: 'POST',
      url: `/api/users/${target.id}/password`,
      cookie: a.cookie,
      payload: { password: '12345678' },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('auth.password_weak')
  })

  it('grants a role, refuses the same grant twice, revokes it, and then no longer finds it', async () => {
    const a = await admin()
    const target = await t.make.user()
    const grant = await grantBody('grid_instructor', grid('510104.001'))
    const url = `/api/users/${target.id}/grants`

    const granted = await t.call({ method: 'POST', url, cookie: a.cookie, payload: grant })
    expect(granted.statusCode, granted.body).toBe(201)
    const grants = granted.json().grants
    expect(grants).toEqual([
      expect.objectContaining({ roleKey: 'grid_instructor', scope: grid('510104.001') }),
    ])

    const again = await t.call({ method: 'POST', url, cookie: a.cookie, payload: grant })
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('role.grant_exists')

    const revoke = () => t.call({ method: 'DELETE', url: `${url}/${grants[0].id}`, cookie: a.cookie })
    expect((await revoke()).statusCode).toBe(204)
    const view = await t.call({ method: 'GET', url: `/api/users/${target.id}`, cookie: a.cookie })
    expect(view.json().grants).toEqual([])

    const twice = await revoke()
    expect(twice.statusCode).toBe(404)
    expect(twice.json().code).toBe('role.grant_not_found')
  })

  it('revokes all of a user’s sessions and says how many', async () => {
    const a = await admin()
    const target = await t.make.user()
    const first = await t.login(target.username)
    const second = await t.login(target.username)
    const res = await t.call({
      method: 'POST',
      url: `/api/users/${target.id}/sessions/revoke`,
      cookie: a.cookie,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ revoked: 2 })
    for (const cookie of [first, second])
      expect((await t.call({ method: 'GET', url: '/api/auth/me', cookie })).statusCode).toBe(401)
  })
})
