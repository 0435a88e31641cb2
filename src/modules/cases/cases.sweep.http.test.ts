import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
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
  const p = await t.place(String(480100 + n), 10 + n)
  return {
    point: p.point,
    department: p.department,
    chief: p.people.streetChief,
    worker: p.people.worker,
    officer: p.people.officer,
  }
}

/** An action that must succeed (`t.act`, after the photo its filing standard asks for); answers the case. */
const act = async (c: { id: string; version: number }, action: string, body: object, cookie: string) => {
  const res = await t.act(c.id, action, { version: c.version, ...body }, cookie)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as { id: string; no: string; version: number; state: string; supervision: string | null }
}

/** 暴露垃圾 (06010): accepted within 1 working hour, handled within 4. */
const reportAt = async (p: Awaited<ReturnType<typeof place>>) =>
  (
    await post(
      '/api/cases',
      { categoryCode: '06010', location: p.point, description: '垃圾', source: 'worker' },
      p.worker.cookie,
    )
  ).json() as { id: string; version: number }

/** The grade the case shows after a sweep at `at` (China time, the clock every screen goes by). */
async function gradeAt(c: { id: string }, at: string, cookie: string) {
  now = new Date(`${at}+08:00`)
  await t.app.sweep.run()
  return (await get(`/api/cases/${c.id}`, cookie)).json().supervision as string | null
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
    const c = await reportAt(p)
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
    const c = await reportAt(p)
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

  it('measures a resumed stage on the paused clock: the time it stood suspended is neither used nor limit', async () => {
    now = new Date('2026-11-23T10:00:00+08:00')
    const p = await place()
    // Accepted Monday 10:00: four working hours, due 15:30.
    let c = await act(await reportAt(p), 'accept', {}, p.chief.cookie)
    now = new Date('2026-11-23T11:00:00+08:00')
    c = await act(c, 'suspend', { reason: '待施工' }, p.chief.cookie)
    now = new Date('2026-11-25T11:00:00+08:00')
    c = await act(c, 'resume', {}, p.chief.cookie)
    // Two of four hours used (Monday 10–11, Wednesday 11–12): no notice, however long it stood.
    expect(await gradeAt(c, '2026-11-25T12:00:00', p.chief.cookie)).toBeNull()
    // 3¼ hours used: past 80%.
    expect(await gradeAt(c, '2026-11-25T14:45:00', p.chief.cookie)).toBe('normal')
    // The deadline moved by the 14 working hours it stood, to Wednesday 15:30.
    expect(await gradeAt(c, '2026-11-25T15:25:00', p.chief.cookie)).toBe('normal')
    expect(await gradeAt(c, '2026-11-25T15:35:00', p.chief.cookie)).toBe('yellow')
  })

  it('gives each round of rework (a failed verification, a bad rating) its own notices and cards', async () => {
    now = new Date('2026-11-23T10:00:00+08:00')
    const p = await place()
    let c = await act(await reportAt(p), 'accept', {}, p.chief.cookie)
    c = await act(c, 'dispatch', {}, p.chief.cookie)
    expect(await gradeAt(c, '2026-11-23T15:40:00', p.officer.cookie)).toBe('yellow')
    now = new Date('2026-11-23T15:45:00+08:00')
    c = await act(c, 'handle', { publicText: '已清运' }, p.officer.cookie)
    now = new Date('2026-11-23T16:00:00+08:00')
    c = await act(c, 'verify', { pass: false, note: '仍有残留' }, p.worker.cookie)
    c = await act(c, 'start', {}, p.officer.cookie)
    // The second round has four hours from Monday 16:00: due Tuesday 11:30.
    expect(await gradeAt(c, '2026-11-24T11:10:00', p.officer.cookie)).toBe('normal')
    expect(await gradeAt(c, '2026-11-24T11:40:00', p.officer.cookie)).toBe('yellow')
    now = new Date('2026-11-24T11:45:00+08:00')
    c = await act(c, 'handle', { publicText: '已清运' }, p.officer.cookie)
    c = await act(c, 'verify', { pass: true }, p.worker.cookie)
    c = await act(c, 'close', {}, p.chief.cookie)
    now = new Date('2026-11-24T12:00:00+08:00')
    c = await act(c, 'rate', { rating: 1 }, p.worker.cookie)
    expect(c.state).toBe('reopened')
    // The third round: four hours from Tuesday 12:00, due 17:30.
    expect(await gradeAt(c, '2026-11-24T17:35:00', p.officer.cookie)).toBe('yellow')
    await t.app.outbox.drain()
    const told = await inbox(p.officer.cookie)
    expect(told.filter((title) => title === '黄牌督办')).toHaveLength(3)
    expect(told.filter((title) => title === '督办提醒')).toHaveLength(1)
  })

  it('clears the grade when the stage it was earned in ends', async () => {
    now = new Date('2026-11-23T10:00:00+08:00')
    const p = await place()
    let c = await reportAt(p)
    expect(await gradeAt(c, '2026-11-23T11:10:00', p.chief.cookie)).toBe('yellow')
    now = new Date('2026-11-23T11:15:00+08:00')
    c = await act(c, 'accept', {}, p.chief.cookie)
    expect(c).toMatchObject({ state: 'accepted', supervision: null })
    const supervised = (await get('/api/cases?queue=supervised', p.chief.cookie)).json()
    expect(supervised.items.map((i: { id: string }) => i.id)).not.toContain(c.id)
    // Handling runs from 11:15 to 16:45; the accept stage's card does not come back.
    expect(await gradeAt(c, '2026-11-23T14:30:00', p.chief.cookie)).toBeNull()
    expect(await gradeAt(c, '2026-11-23T16:30:00', p.chief.cookie)).toBe('normal')
  })

  it('cards each whistled department late to report in, once, and tells the lead department who is missing', async () => {
    now = new Date('2026-11-23T10:00:00+08:00')
    const p = await place()
    const summoned = await Promise.all(
      ['pol', 'urb'].map(async (kind) => {
        const code = `${kind}${n}`
        const [name, departmentKind] =
          kind === 'pol' ? ['派出所', 'police'] : ['城管执法中队', 'urban_management']
        const res = await post('/api/departments', { code, name, kind: departmentKind }, admin.cookie)
        expect(res.statusCode, res.body).toBe(201)
        const officer = await t.as([
          { key: 'department_staff', scope: { type: 'department', id: res.json().id } },
        ])
        return { code, name, officer }
      }),
    )
    let c = await act(await reportAt(p), 'accept', {}, p.chief.cookie)
    c = await act(
      c,
      'whistle',
      { departments: [p.department, ...summoned.map((d) => d.code)], lead: p.department },
      p.chief.cookie,
    )
    c = await act(c, 'report_in', {}, p.officer.cookie)
    // Both assisting departments were due at 12:00.
    now = new Date('2026-11-23T12:10:00+08:00')
    await t.app.sweep.run()
    now = new Date('2026-11-23T12:20:00+08:00')
    await t.app.sweep.run()
    await t.app.outbox.drain()
    for (const d of summoned)
      expect((await inbox(d.officer.cookie)).filter((x) => x === '黄牌督办')).toHaveLength(1)
    const lead = ((await get('/api/notifications', p.officer.cookie)).json().items as { titleZh: string }[])
      .map((i) => i.titleZh)
      .filter((title) => title.startsWith('协办部门未按时报到'))
    expect(lead.sort()).toEqual(summoned.map((d) => `协办部门未按时报到：${c.no} ${d.name}`).sort())
    // The lead reported in on time: it gets no card of its own.
    expect(await inbox(p.officer.cookie)).not.toContain('黄牌督办')
  })
})
