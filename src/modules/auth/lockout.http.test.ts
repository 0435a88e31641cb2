import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import { queryRows } from '../../db/database'

let t: TestApp
beforeAll(async () => {
  t = await testApp()
})
afterAll(() => t?.close())

const signIn = (username: string, password: string, from = '203.0.113.1') =>
  t.call({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: from })

/** What an outsider sees of an answer: status, code, title and the wait. */
const seen = (r: Awaited<ReturnType<typeof signIn>>) => {
  const { status, code, title, retryAfterSeconds } = r.json()
  return { status, code, title, retryAfterSeconds, retryAfter: r.headers['retry-after'] }
}

describe('the lockout does not tell which usernames exist', () => {
  it('answers six wrong passwords for a real and an unknown username identically', async () => {
    const real = await t.make.user()
    const unknown = `nobody_${Date.now()}`
    const answers = async (username: string, from: string) => {
      const out = []
      for (let i = 0; i < 6; i++) out.push(seen(await signIn(username, `Wrong#pass${i}`, from)))
      return out
    }
    const forReal = await answers(real.username, '198.51.100.7')
    const forUnknown = await answers(unknown, '198.51.100.8')
    expect(forUnknown).toEqual(forReal)
    expect(forReal[4]?.status).toBe(423)
  })
})

describe('failures count per account and source', () => {
  it('lets the owner sign in from their own address while another address is kept waiting', async () => {
    const owner = await t.make.user({ roles: [{ key: 'admin' }] })
    for (let i = 0; i < 8; i++) await signIn(owner.username, `Guess#${i}xyz`, '192.0.2.66')
    expect((await signIn(owner.username, owner.password, '192.0.2.66')).statusCode).toBe(423)
    expect((await signIn(owner.username, owner.password, '192.0.2.10')).statusCode).toBe(200)
  })

  it('doubles the wait of a source that keeps failing: 1, then 2 minutes', async () => {
    const u = await t.make.user()
    const from = '192.0.2.77'
    for (let i = 0; i < 4; i++) await signIn(u.username, 'Wrong#pass1', from)
    expect(seen(await signIn(u.username, 'Wrong#pass1', from)).retryAfterSeconds).toBe(60)
    await t.database.db.execute(sql`update login_throttle set blocked_until = now() where source = ${from}`)
    expect(seen(await signIn(u.username, 'Wrong#pass1', from)).retryAfterSeconds).toBe(120)
  })

  it('counts the addresses of one IPv6 /64 as one source', async () => {
    const u = await t.make.user()
    for (let i = 1; i <= 4; i++) await signIn(u.username, 'Wrong#pass1', `2001:db8:77:1::${i}`)
    const fifth = await signIn(u.username, 'Wrong#pass1', '2001:db8:77:1:ffff::5')
    expect(seen(fifth).status).toBe(423)
    expect((await signIn(u.username, u.password, '2001:db8:77:1::abcd')).statusCode).toBe(423)
    expect((await signIn(u.username, u.password, '2001:db8:77:2::1')).statusCode).toBe(200)
  })
})

describe('an account attacked from many sources', () => {
  it('is locked for new sources, not for the owner’s known one; administrators hear of it', async () => {
    const admin = await t.make.user({ roles: [{ key: 'admin' }] })
    const owner = await t.make.user()
    expect((await signIn(owner.username, owner.password, '10.1.1.1')).statusCode).toBe(200)
    // 20 failures from 5 sources (4 each, so no source alone starts waiting).
    for (let s = 0; s < 5; s++)
      for (let i = 0; i < 4; i++) await signIn(owner.username, `Guess#${s}${i}xyz`, `10.9.9.${s}`)
    const stranger = await signIn(owner.username, owner.password, '10.7.7.7')
    expect(stranger.statusCode).toBe(423)
    expect(stranger.json().code).toBe('auth.locked')
    expect((await signIn(owner.username, owner.password, '10.1.1.1')).statusCode).toBe(200)

    const audit = await queryRows<{ summary: { sources: number } }>(
      t.database.db,
      sql`select summary from audit_log where action = 'auth.account_locked' and resource_id = ${owner.id}`,
    )
    expect(audit).toHaveLength(1)
    expect(audit[0]?.summary.sources).toBe(5)
    await t.app.outbox.drain()
    const inbox = await queryRows<{ kind: string }>(
      t.database.db,
      sql`select kind from notifications where user_id = ${admin.id} and subject->>'userId' = ${owner.id}`,
    )
    expect(inbox.map((n) => n.kind)).toEqual(['auth.account_locked'])
  })

  it('is unlocked by a password reset', async () => {
    const manager = await t.as([{ key: 'admin' }])
    const owner = await t.make.user({ roles: [{ key: 'grid_worker', scope: { type: 'grid', path: '51' } }] })
    for (let s = 0; s < 5; s++)
      for (let i = 0; i < 4; i++) await signIn(owner.username, `Guess#${s}${i}xyz`, `10.8.8.${s}`)
    expect((await signIn(owner.username, owner.password, '10.6.6.6')).statusCode).toBe(423)
    const reset = await t.call({
      method: 'POST',
      url: `/api/users/${owner.id}/password`,
      cookie: manager.cookie,
      payload: { password: 'Fresh#Reset2026xq' },
    })
    expect(reset.statusCode).toBe(204)
    expect((await signIn(owner.username, 'Fresh#Reset2026xq', '10.6.6.6')).statusCode).toBe(200)
  })
})

describe('the throttle forgets what no longer counts', () => {
  it('deletes passed failures and old successes at a sign-in, keeps waits and known sources', async () => {
    const key = `forget_${Date.now()}`
    const row = (
      source: string,
      failedAgo: string | null,
      blockedIn: string | null,
      successAgo: string | null,
    ) =>
      t.database.db.execute(sql`insert into login_throttle
        (account_key, source, failures, last_failed_at, blocked_until, last_success_at)
        values (${key}, ${source}, 3,
          now() - ${failedAgo}::interval, now() + ${blockedIn}::interval, now() - ${successAgo}::interval)`)
    await row('passed', '2 days', null, null)
    await row('old-success', null, null, '100 days')
    await row('known', null, null, '10 days')
    await row('waiting', '1 minute', '5 minutes', null)
    await signIn(`nobody_${Date.now()}`, 'Wrong#pass1', '192.0.2.99')
    const left = await queryRows<{ source: string }>(
      t.database.db,
      sql`select source from login_throttle where account_key = ${key} order by source`,
    )
    expect(left.map((r) => r.source)).toEqual(['known', 'waiting'])
  })
})
