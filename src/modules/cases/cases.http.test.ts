import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import { box } from '../../../test/support/geo'

/** Monday 23 November 2026, 10:00 China time; tests move it forward. */
let now = new Date('2026-11-23T10:00:00+08:00')
let t: TestApp
let admin: { cookie: string }
beforeAll(async () => {
  t = await testApp({}, { clock: () => now })
  admin = await t.as([{ key: 'admin' }])
})
afterAll(() => t?.close())

const post = (url: string, payload: object, cookie: string, headers: Record<string, string> = {}) =>
  t.call({ method: 'POST', url, cookie, payload, headers })
const get = (url: string, cookie: string) => t.call({ method: 'GET', url, cookie })

let n = 0
/** A chain of grids of its own with a sanitation department and the people of the loop (`t.place`). */
const place = () => {
  n += 1
  return t.place(String(450100 + n), 40 + n)
}

const report = (cookie: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  post('/api/cases', { source: 'worker', description: '路边有一堆垃圾', ...body }, cookie, headers)

describe('intake', () => {
  it('locates a report to its grid chain, owns it at its category’s level and starts the accept clock', async () => {
    const p = await place()
    const res = await report(p.people.worker.cookie, { categoryCode: '06010', location: p.point })
    expect(res.statusCode, res.body).toBe(201)
    const c = res.json()
    expect(c).toMatchObject({
      state: 'reported',
      version: 1,
      level: 'street',
      light: 'green',
      unownedReason: null,
    })
    expect(c.no).toMatch(/^E20261123\d{6}$/)
    expect(c.grids.map((g: { level: string }) => g.level)).toEqual([
      'district',
      'street',
      'community',
      'grid',
      'micro',
    ])
    // 暴露垃圾 is accepted within one working hour.
    expect(c.deadlines.accept).toBe(new Date('2026-11-23T11:00:00+08:00').toISOString())
    const timeline = (await get(`/api/cases/${c.id}`, p.people.worker.cookie)).json().timeline
    expect(timeline).toEqual([
      expect.objectContaining({ action: 'report', to: 'reported', role: 'grid_worker' }),
    ])
    // The worker reported it; accepting is the street's business.
    expect(c.abilities).not.toContain('accept')
  })

  it('answers a retried report with the same case, and refuses the key for another report', async () => {
    const p = await place()
    const key = { 'idempotency-key': `retry-${n}-abcdef` }
    const first = await report(p.people.worker.cookie, { categoryCode: '06010', location: p.point }, key)
    const again = await report(p.people.worker.cookie, { categoryCode: '06010', location: p.point }, key)
    expect(again.statusCode).toBe(201)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.json().id).toBe(first.json().id)
    const other = await report(p.people.worker.cookie, { categoryCode: '06012', location: p.point }, key)
    expect(other.statusCode).toBe(422)
    expect(other.json().code).toBe('case.idempotency_mismatch')
  })

  it('puts a report outside every grid on the no-handler queue, seen from the whole deployment only', async () => {
    const p = await place()
    const res = await report(admin.cookie, { categoryCode: '06010', location: { lng: 170, lat: -40 } })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ unownedReason: 'outside_grids', grids: [] })
    const queue = await get('/api/cases?queue=no_handler', admin.cookie)
    expect(queue.json().items.map((c: { id: string }) => c.id)).toContain(res.json().id)
    const chiefQueue = await get('/api/cases?queue=no_handler', p.people.chief.cookie)
    expect(chiefQueue.json().items).toEqual([])
  })

  it.each([
    ['an unknown category', { categoryCode: '99999' }, 400, 'case.unknown_category'],
    ['a big class', { categoryCode: '06' }, 400, 'request.invalid'],
    ['no description', { categoryCode: '06010', description: '' }, 400, 'request.invalid'],
    [
      'a point off the globe',
      { categoryCode: '06010', location: { lng: 200, lat: 0 } },
      400,
      'request.invalid',
    ],
  ])('refuses %s', async (_, body, status, code) => {
    const p = await place()
    const res = await report(p.people.worker.cookie, { location: p.point, ...body })
    expect(res.statusCode).toBe(status)
    expect(res.json().code).toBe(code)
  })
})

describe('the closed loop', () => {
  it('runs report → accept → dispatch → handle → verify → close, each step by its own role, with the timeline', async () => {
    const p = await place()
    const { worker, streetChief, officer } = p.people
    let c = (await report(worker.cookie, { categoryCode: '06010', location: p.point })).json()
    c = (await t.act(c.id, 'accept', { version: c.version, publicText: '已受理' }, streetChief.cookie)).json()
    expect(c).toMatchObject({ state: 'accepted', version: 2, overdue: { accept: false } })
    // Four working hours: 10:00–12:00, then 13:30–15:30 after the lunch break.
    expect(c.deadlines.handle).toBe(new Date('2026-11-23T15:30:00+08:00').toISOString())
    const dispatched = await t.act(c.id, 'dispatch', { version: c.version }, streetChief.cookie)
    expect(dispatched.statusCode, dispatched.body).toBe(200)
    c = dispatched.json()
    expect(c).toMatchObject({ state: 'dispatched', department: { code: p.department } })
    expect((await get(`/api/cases/${c.id}`, officer.cookie)).json().abilities).toEqual(
      expect.arrayContaining(['start', 'handle', 'return']),
    )
    now = new Date('2026-11-23T13:45:00+08:00')
    c = (await t.act(c.id, 'handle', { version: c.version, publicText: '已清运' }, officer.cookie)).json()
    expect(c).toMatchObject({ state: 'handled', overdue: { handle: false } })
    c = (await t.act(c.id, 'verify', { version: c.version, pass: true }, worker.cookie)).json()
    expect(c.state).toBe('verified')
    c = (await t.act(c.id, 'close', { version: c.version }, streetChief.cookie)).json()
    expect(c.state).toBe('closed')
    expect(c.timeline.map((s: { action: string }) => s.action)).toEqual([
      'report',
      'accept',
      'dispatch',
      'handle',
      'verify',
      'close',
    ])
    expect(c.timeline[1]).toMatchObject({
      publicText: '已受理',
      role: 'street_chief',
      from: 'reported',
      to: 'accepted',
    })
  })

  it('refuses a stale version, a transition the state does not allow, and actors outside the case', async () => {
    const p = await place()
    const other = await place()
    const c = (await report(p.people.worker.cookie, { categoryCode: '06010', location: p.point })).json()
    const stale = await t.act(c.id, 'accept', { version: c.version + 1 }, p.people.streetChief.cookie)
    expect(stale.statusCode).toBe(409)
    expect(stale.json().code).toBe('case.version_conflict')
    const early = await t.act(c.id, 'close', { version: c.version }, p.people.streetChief.cookie)
    expect(early.statusCode).toBe(409)
    expect(early.json().code).toBe('case.invalid_transition')
    const byWorker = await t.act(c.id, 'accept', { version: c.version }, p.people.worker.cookie)
    expect(byWorker.statusCode).toBe(403)
    expect(byWorker.json().code).toBe('case.forbidden')
    const outsider = await t.act(c.id, 'accept', { version: c.version }, other.people.streetChief.cookie)
    expect(outsider.statusCode).toBe(404)
    expect((await get(`/api/cases/${c.id}`, other.people.chief.cookie)).statusCode).toBe(404)
    expect((await get(`/api/cases/${c.id}`, p.people.streetChief.cookie)).json().version).toBe(1)
  })

  it('lets only one of two concurrent actions on the same version through', async () => {
    const p = await place()
    const c = (await report(p.people.worker.cookie, { categoryCode: '06010', location: p.point })).json()
    const results = await Promise.all([
      t.act(c.id, 'accept', { version: 1 }, p.people.streetChief.cookie),
      t.act(c.id, 'reject', { version: 1, reason: '重复' }, p.people.streetChief.cookie),
    ])
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409])
    const final = (await get(`/api/cases/${c.id}`, p.people.streetChief.cookie)).json()
    expect(final.version).toBe(2)
    expect(final.timeline).toHaveLength(2)
  })

  it('sends a failed verification back for rework with a fresh limit', async () => {
    const p = await place()
    const { worker, streetChief, officer } = p.people
    let c = (await report(worker.cookie, { categoryCode: '06010', location: p.point })).json()
    c = (await t.act(c.id, 'accept', { version: c.version }, streetChief.cookie)).json()
    c = (
      await t.act(c.id, 'dispatch', { version: c.version, department: p.department }, streetChief.cookie)
    ).json()
    c = (await t.act(c.id, 'handle', { version: c.version }, officer.cookie)).json()
    const failed = await t.act(
      c.id,
      'verify',
      { version: c.version, pass: false, note: '仍有残留' },
      worker.cookie,
    )
    expect(failed.json()).toMatchObject({ state: 'reopened' })
    expect(failed.json().timeline.at(-1)).toMatchObject({
      action: 'verify',
      to: 'reopened',
      data: { rework: true },
    })
    expect((await t.act(c.id, 'verify', { version: failed.json().version }, worker.cookie)).json().code).toBe(
      'case.invalid_transition',
    )
  })

  it('lets a grid worker self-handle a small admitted matter on the spot, and not another', async () => {
    const p = await place()
    const small = (await report(p.people.worker.cookie, { categoryCode: '06005', location: p.point })).json()
    expect(small.abilities).toContain('self_handle')
    const done = await t.act(
      small.id,
      'self_handle',
      { version: 1, publicText: '已劝导清理' },
      p.people.worker.cookie,
    )
    expect(done.json()).toMatchObject({ state: 'closed' })
    const big = (await report(p.people.worker.cookie, { categoryCode: '06010', location: p.point })).json()
    expect(big.abilities).not.toContain('self_handle')
    expect(
      (await t.act(big.id, 'self_handle', { version: 1, note: 'x' }, p.people.worker.cookie)).statusCode,
    ).toBe(403)
  })

  it('asks each action for what it needs', async () => {
    const p = await place()
    const c = (await report(p.people.worker.cookie, { categoryCode: '06010', location: p.point })).json()
    const res = await t.act(c.id, 'reject', { version: 1 }, p.people.streetChief.cookie)
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('case.action_invalid')
    expect((await t.act(c.id, 'fly', { version: 1 }, p.people.streetChief.cookie)).statusCode).toBe(400)
  })
})

describe('deadlines', () => {
  it('turns the clock yellow then red, lists the case as overdue, and freezes the overdue flag at acceptance', async () => {
    now = new Date('2026-11-23T10:00:00+08:00')
    const p = await place()
    const c = (await report(p.people.worker.cookie, { categoryCode: '06010', location: p.point })).json()
    now = new Date('2026-11-23T10:50:00+08:00')
    expect((await get(`/api/cases/${c.id}`, p.people.streetChief.cookie)).json().light).toBe('yellow')
    now = new Date('2026-11-23T13:40:00+08:00')
    expect((await get(`/api/cases/${c.id}`, p.people.streetChief.cookie)).json().light).toBe('red')
    const overdue = await get('/api/cases?queue=overdue', p.people.streetChief.cookie)
    expect(overdue.json().items.map((i: { id: string }) => i.id)).toContain(c.id)
    const accepted = (await t.act(c.id, 'accept', { version: 1 }, p.people.streetChief.cookie)).json()
    expect(accepted).toMatchObject({ overdue: { accept: true }, light: 'green' })
  })

  it('measures a rework round from its own start, and a resumed round without the time it stood', async () => {
    now = new Date('2026-11-23T10:00:00+08:00')
    const p = await place()
    const { worker, streetChief, officer } = p.people
    let c = (await report(worker.cookie, { categoryCode: '06010', location: p.point })).json()
    c = (await t.act(c.id, 'accept', { version: c.version }, streetChief.cookie)).json()
    c = (
      await t.act(c.id, 'dispatch', { version: c.version, department: p.department }, streetChief.cookie)
    ).json()
    // Handled a working day late, then sent back: the rework has its own four hours.
    now = new Date('2026-11-24T11:00:00+08:00')
    c = (await t.act(c.id, 'handle', { version: c.version }, officer.cookie)).json()
    c = (
      await t.act(c.id, 'verify', { version: c.version, pass: false, note: '仍有残留' }, worker.cookie)
    ).json()
    now = new Date('2026-11-24T14:30:00+08:00')
    expect((await get(`/api/cases/${c.id}`, streetChief.cookie)).json()).toMatchObject({
      state: 'reopened',
      light: 'green',
    })
    // Suspended for a working day with two hours of four used: resumed, still two of four used
    // (green), where counting from the acceptance would make it 89% (yellow).
    c = (await t.act(c.id, 'suspend', { version: c.version, reason: '待施工' }, streetChief.cookie)).json()
    now = new Date('2026-11-25T14:30:00+08:00')
    c = (await t.act(c.id, 'resume', { version: c.version }, streetChief.cookie)).json()
    expect(c).toMatchObject({ state: 'reopened', light: 'green' })
    now = new Date('2026-11-25T15:50:00+08:00')
    expect((await get(`/api/cases/${c.id}`, streetChief.cookie)).json().light).toBe('yellow')
    now = new Date('2026-11-23T10:00:00+08:00')
  })

  it('pauses the clock while a case is suspended and pushes its deadline by the working time it stood', async () => {
    now = new Date('2026-11-23T10:00:00+08:00')
    const p = await place()
    let c = (await report(p.people.worker.cookie, { categoryCode: '06010', location: p.point })).json()
    c = (await t.act(c.id, 'accept', { version: 1 }, p.people.streetChief.cookie)).json()
    const due = new Date(c.deadlines.handle).getTime()
    now = new Date('2026-11-23T11:00:00+08:00')
    c = (
      await t.act(c.id, 'suspend', { version: c.version, reason: '待施工' }, p.people.streetChief.cookie)
    ).json()
    expect(c.light).toBeNull()
    now = new Date('2026-11-24T11:00:00+08:00')
    c = (await t.act(c.id, 'resume', { version: c.version }, p.people.streetChief.cookie)).json()
    expect(c.state).toBe('accepted')
    // A working day (7 h) stood still: the limit moves by as much.
    expect(new Date(c.deadlines.handle).getTime() - due).toBeGreaterThanOrEqual(7 * 3600_000)
  })
})

describe('cases and the grids that hold them', () => {
  it('follow a split by location, and freeze the codes of the grids that hold them', async () => {
    const p = await place()
    const c = (await report(p.people.worker.cookie, { categoryCode: '06005', location: p.point })).json()
    const grid = `${p.d}001001001`
    const community = `${p.d}001001`
    const patch = await t.call({
      method: 'PATCH',
      url: `/api/grids/${grid}001`,
      cookie: admin.cookie,
      payload: { code: `${grid}009` },
    })
    expect(patch.json().code).toBe('grid.code_frozen')
    const split = await post(
      `/api/grids/${community}/split`,
      {
        parts: [
          { code: `${p.d}001002`, name: '西社区', boundary: box(p.x, 30, 0.1, 0.2) },
          { code: `${p.d}001003`, name: '东社区', boundary: box(p.x + 0.1, 30, 0.1, 0.2) },
        ],
      },
      admin.cookie,
    )
    expect(split.statusCode, split.body).toBe(201)
    const moved = (await get(`/api/cases/${c.id}`, admin.cookie)).json()
    expect(moved.grids.map((g: { code: string }) => g.code)).toEqual([
      p.d,
      `${p.d}001`,
      `${p.d}001002`,
      `${p.d}001002001`,
      `${p.d}001002001001`,
    ])
  })
})

describe('categories', () => {
  it('lists both catalogues with their filing standards and the request natures', async () => {
    const p = await place()
    const res = await get('/api/case-categories', p.people.worker.cookie)
    expect(res.statusCode).toBe(200)
    const { categories, natures } = res.json()
    expect(categories.find((c: { code: string }) => c.code === '06010')).toMatchObject({
      zh: '暴露垃圾',
      parentCode: '06',
      standard: { level: 'street', department: 'sanitation', limits: { accept: { hours: 1 } } },
    })
    expect(
      categories.filter((c: { code: string }) => c.code.length === 2).map((c: { code: string }) => c.code),
    ).toEqual([
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '08',
      '09',
      '10',
      '21',
      '22',
      '23',
      '24',
      '25',
      '26',
      '27',
      '28',
    ])
    expect(natures.map((n: { zh: string }) => n.zh)).toEqual(['咨询', '求助', '投诉', '举报', '建议'])
  })
})

describe('whistle and report-in 吹哨报到', () => {
  it('summons several departments: each reports in, the lead handles', async () => {
    now = new Date('2026-11-23T10:00:00+08:00')
    const p = await place()
    const police = (
      await post('/api/departments', { code: `pol${n}`, name: '派出所', kind: 'police' }, admin.cookie)
    ).json()
    const policeOfficer = await t.as([
      { key: 'department_staff', scope: { type: 'department', id: police.id } },
    ])
    let c = (await report(p.people.worker.cookie, { categoryCode: '06010', location: p.point })).json()
    c = (await t.act(c.id, 'accept', { version: c.version }, p.people.streetChief.cookie)).json()
    const whistled = await t.act(
      c.id,
      'whistle',
      {
        version: c.version,
        departments: [p.department, `pol${n}`],
        lead: p.department,
        publicText: '街道吹哨，部门报到',
      },
      p.people.streetChief.cookie,
    )
    expect(whistled.statusCode, whistled.body).toBe(200)
    c = whistled.json()
    expect(c).toMatchObject({ state: 'dispatched', department: { code: p.department } })
    expect(c.participants.map((x: { code: string; role: string }) => [x.code, x.role])).toEqual([
      [p.department, 'lead'],
      [`pol${n}`, 'assist'],
    ])
    // Two working hours from 10:00 on a Monday.
    expect(c.participants[0].reportDue).toBe(new Date('2026-11-23T12:00:00+08:00').toISOString())
    const seenByPolice = (await get(`/api/cases/${c.id}`, policeOfficer.cookie)).json()
    expect(seenByPolice.abilities).toContain('report_in')
    expect(seenByPolice.abilities).not.toContain('handle')
    c = (await t.act(c.id, 'report_in', { version: c.version }, policeOfficer.cookie)).json()
    expect(c.participants[1].reportedAt).not.toBeNull()
    const twice = await t.act(c.id, 'report_in', { version: c.version }, policeOfficer.cookie)
    expect(twice.json().code).toBe('case.already_reported')
    expect((await t.act(c.id, 'handle', { version: c.version }, policeOfficer.cookie)).statusCode).toBe(403)
    c = (
      await t.act(c.id, 'handle', { version: c.version, publicText: '联合处置完毕' }, p.people.officer.cookie)
    ).json()
    expect(c.state).toBe('handled')
  })

  it('needs two departments or more, a lead among them, and known codes', async () => {
    const p = await place()
    let c = (await report(p.people.worker.cookie, { categoryCode: '06010', location: p.point })).json()
    c = (await t.act(c.id, 'accept', { version: c.version }, p.people.streetChief.cookie)).json()
    const body = (extra: object) => ({
      version: c.version,
      departments: [p.department, 'nowhere'],
      lead: p.department,
      ...extra,
    })
    expect((await t.act(c.id, 'whistle', body({}), p.people.streetChief.cookie)).json().code).toBe(
      'case.unknown_department',
    )
    expect((await t.act(c.id, 'whistle', body({ lead: 'x' }), p.people.streetChief.cookie)).json().code).toBe(
      'case.action_invalid',
    )
    expect(
      (
        await t.act(c.id, 'whistle', body({ departments: [p.department] }), p.people.streetChief.cookie)
      ).json().code,
    ).toBe('request.invalid')
    // A community chief sees the case but cannot whistle: that is the street's call.
    expect(
      (
        await t.act(
          c.id,
          'whistle',
          body({ departments: [p.department, p.department] }),
          p.people.chief.cookie,
        )
      ).statusCode,
    ).toBe(403)
  })
})

describe('extensions 延期', () => {
  it('are requested by the handler and decided by a dispatcher; an approved one moves the deadline', async () => {
    now = new Date('2026-11-23T10:00:00+08:00')
    const p = await place()
    let c = (await report(p.people.worker.cookie, { categoryCode: '06010', location: p.point })).json()
    c = (await t.act(c.id, 'accept', { version: c.version }, p.people.streetChief.cookie)).json()
    c = (await t.act(c.id, 'dispatch', { version: c.version }, p.people.streetChief.cookie)).json()
    const due = c.deadlines.handle
    c = (
      await t.act(
        c.id,
        'extend',
        { version: c.version, duration: { days: 2 }, reason: '需协调车辆' },
        p.people.officer.cookie,
      )
    ).json()
    expect(c.pendingExtension).toEqual({ duration: { days: 2 }, reason: '需协调车辆' })
    const again = await t.act(
      c.id,
      'extend',
      { version: c.version, duration: { days: 1 }, reason: '再延' },
      p.people.officer.cookie,
    )
    expect(again.json().code).toBe('case.extension_pending')
    expect(
      (await t.act(c.id, 'decide_extension', { version: c.version, pass: true }, p.people.officer.cookie))
        .statusCode,
    ).toBe(403)
    c = (
      await t.act(c.id, 'decide_extension', { version: c.version, pass: true }, p.people.streetChief.cookie)
    ).json()
    expect(c.pendingExtension).toBeNull()
    expect(due).toBe(new Date('2026-11-23T15:30:00+08:00').toISOString())
    // Two working days after Monday 15:30 end with Wednesday's last shift.
    expect(c.deadlines.handle).toBe(new Date('2026-11-25T17:30:00+08:00').toISOString())
    const none = await t.act(
      c.id,
      'decide_extension',
      { version: c.version, pass: true },
      p.people.streetChief.cookie,
    )
    expect(none.json().code).toBe('case.no_extension_pending')
  })
})

describe('evidence 立结案标准', () => {
  it('asks for a photo of the result before handling and verifying when the category’s standard does', async () => {
    now = new Date('2026-11-23T10:00:00+08:00')
    const p = await place()
    let c = (await report(p.people.worker.cookie, { categoryCode: '06010', location: p.point })).json()
    c = (await t.act(c.id, 'accept', { version: c.version }, p.people.streetChief.cookie)).json()
    c = (await t.act(c.id, 'dispatch', { version: c.version }, p.people.streetChief.cookie)).json()
    const bare = await post(
      `/api/cases/${c.id}/actions/handle`,
      { version: c.version },
      p.people.officer.cookie,
    )
    expect(bare.statusCode).toBe(422)
    expect(bare.json().code).toBe('case.evidence_required')
    c = (await t.act(c.id, 'handle', { version: c.version }, p.people.officer.cookie)).json()
    expect(c.state).toBe('handled')
    // The handler's photo does not count for the verifier: they photograph what they find.
    const unseen = await post(
      `/api/cases/${c.id}/actions/verify`,
      { version: c.version, pass: true },
      p.people.worker.cookie,
    )
    expect(unseen.json().code).toBe('case.evidence_required')
  })
})

describe('duplicates and "me too" 附议', () => {
  it('offers a nearby open case of the same category instead of a new report, and merges a duplicate into it', async () => {
    now = new Date('2026-11-23T10:00:00+08:00')
    const p = await place()
    // Published (the street chief recorded the reporter's consent), and one nobody agreed to list.
    const first = (
      await report(p.people.streetChief.cookie, { categoryCode: '06010', location: p.point, publish: true })
    ).json()
    const unlisted = (
      await report(p.people.worker.cookie, {
        categoryCode: '06010',
        location: { lng: p.point.lng + 0.0001, lat: p.point.lat },
      })
    ).json()
    const neighbour = await t.as([{ key: 'resident' }])
    const near = await get(
      `/api/cases/nearby?categoryCode=06010&lng=${p.point.lng + 0.0002}&lat=${p.point.lat}`,
      neighbour.cookie,
    )
    expect(near.statusCode, near.body).toBe(200)
    // A resident sees the published case only, 19 m away told as "within 50 m": no trilateration.
    expect(near.json()).toEqual([
      expect.objectContaining({ id: first.id, state: 'reported', followers: 0, distanceM: 50 }),
    ])
    const staffNear = await get(
      `/api/cases/nearby?categoryCode=06010&lng=${p.point.lng + 0.0002}&lat=${p.point.lat}`,
      p.people.streetChief.cookie,
    )
    const exact = Object.fromEntries(
      staffNear.json().map((n: { id: string; distanceM: number }) => [n.id, n.distanceM]),
    )
    expect(exact[unlisted.id]).toBeGreaterThan(5)
    expect(exact[unlisted.id]).toBeLessThan(15)
    expect(exact[first.id]).toBeGreaterThan(15)
    expect(exact[first.id]).toBeLessThan(25)
    const far = await get(
      `/api/cases/nearby?categoryCode=06010&lng=${p.point.lng + 0.01}&lat=${p.point.lat}`,
      neighbour.cookie,
    )
    expect(far.json()).toEqual([])
    const other = await get(
      `/api/cases/nearby?categoryCode=06012&lng=${p.point.lng}&lat=${p.point.lat}`,
      neighbour.cookie,
    )
    expect(other.json()).toEqual([])

    const followed = await post(`/api/cases/${first.id}/follow`, {}, neighbour.cookie)
    expect(followed.json()).toEqual({ following: true, followers: 1 })
    expect((await post(`/api/cases/${first.id}/follow`, {}, neighbour.cookie)).json().followers).toBe(1)

    // A second report anyway: the street sees the first as its duplicate and merges it.
    const second = (await report(p.people.worker.cookie, { categoryCode: '06010', location: p.point })).json()
    const seen = (await get(`/api/cases/${second.id}`, p.people.streetChief.cookie)).json()
    expect(seen.duplicates.map((d: { id: string }) => d.id)).toEqual([first.id, unlisted.id])
    const merged = await t.act(
      second.id,
      'merge',
      { version: 1, into: first.id },
      p.people.streetChief.cookie,
    )
    expect(merged.json()).toMatchObject({ state: 'merged' })
  })
})

describe('what residents may see and do', () => {
  it('shows look-alikes of publicly reported classes only, and rates each closing once', async () => {
    now = new Date('2026-11-23T10:00:00+08:00')
    const p = await place()
    const resident = await t.as([{ key: 'resident' }])
    // 26xxx 特殊人群服务管理: never shown to someone who may not read it.
    const special = await report(p.people.worker.cookie, { categoryCode: '26001', location: p.point })
    expect(special.statusCode, special.body).toBe(201)
    const hidden = await get(
      `/api/cases/nearby?categoryCode=26001&lng=${p.point.lng}&lat=${p.point.lat}`,
      resident.cookie,
    )
    expect(hidden.json()).toEqual([])
    expect((await post(`/api/cases/${special.json().id}/follow`, {}, resident.cookie)).statusCode).toBe(404)
    const staffSees = await get(
      `/api/cases/nearby?categoryCode=26001&lng=${p.point.lng}&lat=${p.point.lat}`,
      p.people.chief.cookie,
    )
    expect(staffSees.json().map((c: { id: string }) => c.id)).toEqual([special.json().id])

    let c = (await report(p.people.worker.cookie, { categoryCode: '06005', location: p.point })).json()
    c = (
      await t.act(c.id, 'self_handle', { version: c.version, publicText: '已清理' }, p.people.worker.cookie)
    ).json()
    c = (await t.act(c.id, 'rate', { version: c.version, rating: 5 }, p.people.worker.cookie)).json()
    const again = await t.act(c.id, 'rate', { version: c.version, rating: 1 }, p.people.worker.cookie)
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('case.already_rated')
  })
})
