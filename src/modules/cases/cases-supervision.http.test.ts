import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import { casePlace } from '../../../test/support/places'
import { gradeOf } from './cases.sweep'

let now = new Date('2026-11-23T10:00:00+08:00')
let t: TestApp
let admin: { cookie: string }
beforeAll(async () => {
  t = await testApp({}, { clock: () => now })
  admin = await t.as([{ key: 'admin' }])
})
afterAll(() => t?.close())

const post = (url: string, payload: object, cookie: string) =>
  t.call({ method: 'POST', url, cookie, payload })
const get = (url: string, cookie: string) => t.call({ method: 'GET', url, cookie })

let n = 0
/** A chain of grids of its own (test/support/places.ts), with its street chief, a worker and an officer. */
async function place() {
  n += 1
  const p = await casePlace(t, admin.cookie, String(480100 + n), 10 + n)
  return { point: p.point, chief: p.people.streetChief, worker: p.people.worker, officer: p.people.officer }
}

const inbox = async (cookie: string) =>
  ((await get('/api/notifications', cookie)).json().items as { titleZh: string }[]).map(
    (i) => i.titleZh.split('：')[0],
  )

describe('supervision 督办', () => {
  it('grades by the share of the limit used', () => {
    expect([0.5, 0.8, 0.99, 1, 1.01, 1.5, 1.51].map(gradeOf)).toEqual([
      null,
      'normal',
      'normal',
      'normal',
      'yellow',
      'yellow',
      'red',
    ])
  })

  it('issues a notice at 80%, a yellow card when overdue and a red card 50% past the limit, each once, to the right people', async () => {
    now = new Date('2026-11-23T10:00:00+08:00')
    const p = await place()
    const c = (
      await post(
        '/api/cases',
        { categoryCode: '06010', location: p.point, description: '垃圾', source: 'worker' },
        p.worker.cookie,
      )
    ).json()
    // Accept within one working hour: 10:50 is 83% of it.
    now = new Date('2026-11-23T10:50:00+08:00')
    expect(await t.app.sweep.run()).toBe(1)
    expect(await t.app.sweep.run()).toBe(0)
    now = new Date('2026-11-23T11:10:00+08:00')
    await t.app.sweep.run()
    expect((await get(`/api/cases/${c.id}`, p.chief.cookie)).json().supervision).toBe('yellow')
    // 1.5 working hours after 10:00 is 13:30 (lunch does not count).
    now = new Date('2026-11-23T13:40:00+08:00')
    await t.app.sweep.run()
    expect((await get(`/api/cases/${c.id}`, p.chief.cookie)).json().supervision).toBe('red')
    const supervised = (await get('/api/cases?queue=supervised', p.chief.cookie)).json()
    expect(supervised.items.map((i: { id: string }) => i.id)).toContain(c.id)
    await t.app.outbox.drain()
    expect(await inbox(p.chief.cookie)).toEqual(expect.arrayContaining(['督办提醒', '黄牌督办', '红牌督办']))
  })

  it('lets a supervisor issue a graded notice by hand, recorded on the timeline', async () => {
    now = new Date('2026-11-23T10:00:00+08:00')
    const p = await place()
    const c = (
      await post(
        '/api/cases',
        { categoryCode: '06010', location: p.point, description: '垃圾', source: 'worker' },
        p.worker.cookie,
      )
    ).json()
    const res = await post(
      `/api/cases/${c.id}/actions/supervise`,
      { version: 1, grade: 'yellow', note: '群众反映强烈' },
      p.chief.cookie,
    )
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ supervision: 'yellow', state: 'reported' })
    expect(res.json().timeline.at(-1)).toMatchObject({ action: 'supervise', data: { grade: 'yellow' } })
    expect(
      (await post(`/api/cases/${c.id}/actions/supervise`, { version: 2, grade: 'red' }, p.worker.cookie))
        .statusCode,
    ).toBe(403)
  })
})
