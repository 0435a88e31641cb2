import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import { queryRows } from '../../db/database'

// A clerk who types in a hotline call 代录 records the caller's report: the caller is the reporter
// (reached at their contact), the clerk only the one who acted.
let t: TestApp
beforeAll(async () => {
  t = await testApp({}, { clock: () => new Date('2026-11-23T10:00:00+08:00') })
})
afterAll(() => t?.close())

let n = 0
const place = () => {
  n += 1
  return t.place(String(490200 + n), 80 + n)
}
type Place = Awaited<ReturnType<typeof place>>

const CALLER = { name: '王建国', phone: '13900001111' }

/** An intake clerk of the place's district takes a call about rubbish and types it in. */
async function takeCall(p: Place, caller: object | null = CALLER) {
  const clerk = await t.as([{ key: 'intake_clerk', scope: { type: 'grid', path: p.paths.district } }])
  const res = await t.call({
    method: 'POST',
    url: '/api/cases',
    cookie: clerk.cookie,
    payload: {
      categoryCode: '06010',
      location: p.point,
      description: '来电反映：小区门口垃圾堆放',
      source: 'hotline',
      ...(caller ? { caller } : {}),
    },
  })
  expect(res.statusCode, res.body).toBe(201)
  return { clerk, c: res.json() as { id: string; no: string; version: number; abilities: string[] } }
}

const drainAll = async () => {
  while ((await t.app.outbox.drain()) > 0) {}
}

describe('a call typed in by a hotline clerk', () => {
  it('is the caller’s report and the clerk’s act: no account is its reporter, the clerk is the actor, the contact the caller’s', async () => {
    const p = await place()
    const { clerk, c } = await takeCall(p)
    // The clerk may act on it as intake staff, but not rate it as if they had reported it.
    expect(c.abilities).toContain('accept')
    expect(c.abilities).not.toContain('rate')
    const [row] = await queryRows<{
      reporter_id: string | null
      contact: string
      actor_id: string
      role: string
    }>(
      t.database.db,
      sql`select c.reporter_id, c.reporter_contact as contact, tr.actor_id, tr.actor_role as role
        from cases c join case_transitions tr on tr.case_id = c.id where c.id = ${c.id}`,
    )
    expect(row).toMatchObject({ reporter_id: null, actor_id: clerk.id, role: 'intake_clerk' })
    expect(row?.contact).toMatch(/^v1\./)
    expect(row?.contact).not.toContain(CALLER.phone)

    const url = `/api/cases/${c.id}/reporter`
    expect((await t.call({ method: 'GET', url, cookie: p.people.worker.cookie })).json()).toMatchObject({
      contact: { name: '王**', phone: '139****1111' },
      masked: true,
    })
    const clear = await t.call({
      method: 'GET',
      url: `${url}?unmask=true&reason=${encodeURIComponent('回访')}`,
      cookie: p.people.streetChief.cookie,
    })
    expect(clear.json()).toMatchObject({ contact: { ...CALLER, email: null }, masked: false })
  })

  it('tells the caller of each step at their phone, and the clerk nothing as if they had reported it', async () => {
    const p = await place()
    const { clerk, c } = await takeCall(p)
    const { streetChief, officer, worker } = p.people
    let version = c.version
    for (const [action, cookie] of [
      ['accept', streetChief],
      ['dispatch', streetChief],
      ['handle', officer],
      ['verify', worker],
      ['close', streetChief],
    ] as const) {
      const res = await t.act(
        c.id,
        action,
        { version, ...(action === 'verify' ? { pass: true } : {}) },
        cookie.cookie,
      )
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200)
      version = res.json().version
    }
    await drainAll()
    const sent = await queryRows<{ phone: string; text: string }>(
      t.database.db,
      sql`select payload->'to'->>'phone' as phone, payload->>'text' as text from outbox
        where topic = 'message.logged' and payload->>'text' like ${`%${c.no}%`} order by id`,
    )
    expect(sent).toEqual(
      ['已受理', '已派遣处置', '已处置，待核查', '已办结，欢迎评价'].map((step) => ({
        phone: '139****1111',
        text: `【网格】您反映的事件 ${c.no} ${step}。`,
      })),
    )
    const inbox = (await t.call({ method: 'GET', url: '/api/notifications', cookie: clerk.cookie })).json()
      .items as { titleZh: string }[]
    expect(inbox.filter((i) => i.titleZh.includes('您反映的事件'))).toEqual([])
  })

  it('is the caller’s even when the caller left no contact, and a worker’s own find stays the worker’s', async () => {
    const p = await place()
    const { c } = await takeCall(p, null)
    expect(
      (
        await t.call({
          method: 'GET',
          url: `/api/cases/${c.id}/reporter`,
          cookie: p.people.streetChief.cookie,
        })
      ).json(),
    ).toEqual({ contact: null, masked: true, mayUnmask: true })
    const own = await t.call({
      method: 'POST',
      url: '/api/cases',
      cookie: p.people.worker.cookie,
      payload: { categoryCode: '06010', location: p.point, description: '巡查发现垃圾', source: 'worker' },
    })
    const reporters = await queryRows<{ id: string; reporter_id: string | null }>(
      t.database.db,
      sql`select id, reporter_id from cases where id in (${c.id}, ${own.json().id}) order by id`,
    )
    expect(reporters).toEqual([
      { id: c.id, reporter_id: null },
      { id: own.json().id, reporter_id: p.people.worker.id },
    ])
  })
})
