import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../../test/support/app'
import { queryRows } from '../../../db/database'
import { systemContext } from '../../../lib/context'
import { uuidv7 } from '../../../lib/ids'
import { membershipsFollowPeople } from './groups.succession'

// A Wednesday in China (10:00 +08:00); its week runs from Monday 7 to Sunday 13 December.
let now = new Date('2026-12-09T02:00:00Z')
let t: TestApp
let a: StaffedPlace
let b: StaffedPlace
let auditor: { cookie: string }

beforeAll(async () => {
  t = await testApp({}, { clock: () => now })
  a = await t.place('710101', 60)
  b = await t.place('720101', 62)
  auditor = await t.as([{ key: 'audit_admin' }])
})
afterAll(() => t?.close())

/** A person on the ledger in the micro-grid of a place (the people's API is another part's). */
async function person(p: StaffedPlace, name = '张三丰') {
  const id = uuidv7()
  await t.database.db.execute(sql`insert into people (id, grid_id, grid_path, kind, id_type, name)
    select ${id}, g.id, g.path, 'registered', 'resident', ${name} from grids g where g.path = ${p.micro}::ltree`)
  return id
}

const post = (url: string, cookie: string, payload: Record<string, unknown>) =>
  t.call({ method: 'POST', url, cookie, payload })
const get = (url: string, cookie: string) => t.call({ method: 'GET', url, cookie })
const count = async (table: string) =>
  (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]?.n

async function member(p: StaffedPlace, body: Record<string, unknown> = {}) {
  const res = await post('/api/groups', p.people.worker.cookie, {
    personId: await person(p),
    groupCode: 'elderly_alone',
    startsOn: '2026-12-01',
    ...body,
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}

describe('special-group memberships', () => {
  it('registers a person in a group in the grid worker’s scope, masked, with the first visit due', async () => {
    const res = await post('/api/groups', a.people.worker.cookie, {
      personId: await person(a, '李四'),
      groupCode: 'elderly_alone',
      attention: 2,
      startsOn: '2026-12-01',
      responsibleUserId: a.people.worker.id,
      notes: '独居，患有高血压，子女在外地',
    })
    expect(res.statusCode, res.body).toBe(201)
    const m = res.json()
    expect(m).toMatchObject({
      person: { name: '李*' },
      grid: { code: '710101001001001001' },
      groupCode: 'elderly_alone',
      attention: 2,
      nextVisitDue: '2026-12-08',
      dueState: 'overdue',
      hasNotes: true,
      notes: null,
      masked: true,
      responsible: { id: a.people.worker.id },
      abilities: ['update', 'end', 'visit', 'unmask'],
    })
    expect(res.body).not.toContain('高血压')
    // Never in clear at rest.
    const [raw] = await queryRows<{ notes_sealed: string }>(
      t.database.db,
      sql`select notes_sealed from group_memberships where id = ${m.id}::uuid`,
    )
    expect(raw?.notes_sealed).toBeTruthy()
    expect(raw?.notes_sealed).not.toContain('高血压')
  })

  it('refuses an unknown group, a sub-kind of another group and a detail of another group, writing nothing', async () => {
    const before = await count('group_memberships')
    const personId = await person(a)
    const cases: [Record<string, unknown>, string][] = [
      [{ groupCode: 'no_such_group' }, 'ledger.unknown_code'],
      [{ groupCode: 'key_youth_idle' }, 'ledger.unknown_code'], // a sub-kind is not a group
      [{ groupCode: 'elderly_alone', subKind: 'key_youth_idle' }, 'ledger.unknown_code'],
      [{ groupCode: 'elderly_alone', details: { riskLevel: 3 } }, 'ledger.detail_not_for_group'],
      [{ groupCode: 'correction', details: { correctionClass: 'nonsense' } }, 'ledger.unknown_code'],
      [{ groupCode: 'elderly_alone', endsOn: '2026-11-01' }, 'ledger.invalid_dates'],
      [{ groupCode: 'elderly_alone', responsibleUserId: uuidv7() }, 'ledger.unknown_user'],
      [
        { groupCode: 'elderly_alone', responsibleUserId: b.people.worker.id },
        'ledger.responsible_out_of_scope',
      ],
    ]
    for (const [body, code] of cases) {
      const res = await post('/api/groups', a.people.worker.cookie, {
        personId,
        startsOn: '2026-12-01',
        ...body,
      })
      expect([res.statusCode, res.json().code], JSON.stringify(body)).toEqual([400, code])
    }
    const bad = await post('/api/groups', a.people.worker.cookie, {
      personId,
      groupCode: 'mental',
      startsOn: '2026-12-01',
      details: { riskLevel: 6 },
    })
    expect(bad.statusCode).toBe(400)
    expect(await count('group_memberships')).toBe(before)
  })

  it('keeps a severe-mental-illness member’s risk level, and the guardian sealed and masked', async () => {
    const m = await member(a, {
      groupCode: 'mental',
      attention: 3,
      details: {
        riskLevel: 3,
        guardianName: '王小明',
        guardianRelation: '儿子',
        guardianPhone: '13812345678',
      },
    })
    expect(m.details).toEqual({
      riskLevel: 3,
      guardianRelation: '儿子',
      guardianName: '王**',
      guardianPhone: '138****5678',
    })
    expect(m.nextVisitDue).toBe('2026-12-15') // level 3: every 14 days
    const [raw] = await queryRows<{ details: string }>(
      t.database.db,
      sql`select details::text as details from group_memberships where id = ${m.id}::uuid`,
    )
    expect(raw?.details).not.toContain('王小明')
    expect(raw?.details).not.toContain('13812345678')
  })

  it('refuses a second open membership of a person in one group', async () => {
    const personId = await person(a)
    const body = { personId, groupCode: 'disabled', startsOn: '2026-12-01' }
    expect((await post('/api/groups', a.people.worker.cookie, body)).statusCode).toBe(201)
    const again = await post('/api/groups', a.people.worker.cookie, body)
    expect([again.statusCode, again.json().code]).toEqual([409, 'ledger.membership_exists'])
  })

  it('shows nothing of grid A to the worker of grid B, nor to a reader without ledger.special', async () => {
    const m = await member(a)
    const outsiders = [b.people.worker, b.people.chief, a.people.officer]
    for (const who of outsiders) {
      expect((await get(`/api/groups/${m.id}`, who.cookie)).statusCode).toBe(404)
      expect((await get(`/api/groups/${m.id}/visits`, who.cookie)).statusCode).toBe(404)
      const visit = await post(`/api/groups/${m.id}/visits`, who.cookie, { outcome: 'met' })
      expect(visit.statusCode).toBe(404)
      const unmask = await post(`/api/groups/${m.id}/unmask`, who.cookie, { reason: '核实走访情况' })
      expect(unmask.statusCode).toBe(404)
      const list = await get('/api/groups?limit=200', who.cookie)
      expect(list.json().items?.map((i: { id: string }) => i.id) ?? []).not.toContain(m.id)
    }
    // Registering a person of grid A from grid B: the person does not exist for them.
    const res = await post('/api/groups', b.people.worker.cookie, {
      personId: m.person.id,
      groupCode: 'disabled',
      startsOn: '2026-12-01',
    })
    expect([res.statusCode, res.json().code]).toEqual([404, 'ledger.person_not_found'])
    // And the worker of A sees it.
    expect((await get(`/api/groups/${m.id}`, a.people.worker.cookie)).statusCode).toBe(200)
    expect((await get(`/api/groups/${m.id}`, a.people.streetChief.cookie)).statusCode).toBe(200)
  })

  it('lists by group, attention, grid and due state, a page at a time', async () => {
    const p = await t.place('730101', 64)
    const ids = []
    for (let i = 0; i < 3; i++) ids.push((await member(p, { groupCode: 'low_income', attention: 1 + i })).id)
    const list = (q: string) => get(`/api/groups?${q}`, p.people.chief.cookie).then((r) => r.json())
    const first = await list('group=low_income&limit=2')
    expect(first.items.map((i: { id: string }) => i.id)).toEqual([ids[2], ids[1]])
    const second = await list(`group=low_income&limit=2&cursor=${first.nextCursor}`)
    expect(second.items.map((i: { id: string }) => i.id)).toEqual([ids[0]])
    expect(second.nextCursor).toBeNull()
    expect((await list('group=low_income&attention=2')).items).toHaveLength(1)
    expect((await list(`grid=${b.paths.grid.split('.').at(-1)}`)).items ?? []).toHaveLength(0)
    // low_income: every 90 days from 1 December, not due this week.
    expect((await list('group=low_income&due=week')).items).toHaveLength(0)
    expect((await list('group=elderly_alone&due=overdue')).items).toHaveLength(0)
  })

  it('refuses a change made on a stale version, and reschedules when the attention changes', async () => {
    const m = await member(a, { groupCode: 'mental', attention: 1 })
    expect(m.nextVisitDue).toBe('2026-12-31')
    const up = await t.call({
      method: 'PATCH',
      url: `/api/groups/${m.id}`,
      cookie: a.people.worker.cookie,
      payload: { version: m.version, attention: 3 },
    })
    expect(up.statusCode, up.body).toBe(200)
    expect(up.json()).toMatchObject({ attention: 3, nextVisitDue: '2026-12-15', version: m.version + 1 })
    const stale = await t.call({
      method: 'PATCH',
      url: `/api/groups/${m.id}`,
      cookie: a.people.worker.cookie,
      payload: { version: m.version, attention: 1 },
    })
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'ledger.version_conflict'])
  })
})

describe('a grid instructor', () => {
  it('sees memberships of the grid but neither changes them nor records visits nor unmasks', async () => {
    const instructor = await t.as([{ key: 'grid_instructor', scope: { type: 'grid', path: a.paths.grid } }])
    const m = await member(a)
    expect((await get(`/api/groups/${m.id}`, instructor.cookie)).json()).toMatchObject({ abilities: [] })
    const visit = await post(`/api/groups/${m.id}/visits`, instructor.cookie, { outcome: 'met' })
    expect([visit.statusCode, visit.json().code]).toEqual([403, 'ledger.write_forbidden'])
    const patch = await t.call({
      method: 'PATCH',
      url: `/api/groups/${m.id}`,
      cookie: instructor.cookie,
      payload: { version: m.version, attention: 2 },
    })
    expect([patch.statusCode, patch.json().code]).toEqual([403, 'ledger.write_forbidden'])
    const unmask = await post(`/api/groups/${m.id}/unmask`, instructor.cookie, { reason: '督导检查走访' })
    expect([unmask.statusCode, unmask.json().code]).toEqual([403, 'ledger.unmask_forbidden'])
  })
})

describe('unmasking a membership', () => {
  it('needs a reason, and break-glass or being the responsible worker; it is audited', async () => {
    const other = await t.as([{ key: 'grid_worker', scope: { type: 'grid', path: a.paths.grid } }])
    const m = await member(a, { responsibleUserId: other.id, notes: '情绪低落，需要重点关注' })
    const unmask = (cookie: string, reason?: string) => post(`/api/groups/${m.id}/unmask`, cookie, { reason })
    const noReason = await unmask(other.cookie, '看看')
    expect([noReason.statusCode, noReason.json().code]).toEqual([400, 'ledger.unmask_reason_required'])
    // The grid's worker, not responsible for this membership, may not.
    const notTheirs = await unmask(a.people.worker.cookie, '核实走访情况')
    expect([notTheirs.statusCode, notTheirs.json().code]).toEqual([403, 'ledger.unmask_forbidden'])
    const mine = await unmask(other.cookie, '准备入户走访')
    expect(mine.statusCode, mine.body).toBe(200)
    expect(mine.json().membership).toMatchObject({
      notes: '情绪低落，需要重点关注',
      masked: false,
      person: { name: '张三丰' },
    })
    const chief = await unmask(a.people.chief.cookie, '核查逾期走访')
    expect(chief.statusCode).toBe(200)
    const reads = await get(`/api/audit?action=personal_data.read&resourceId=${m.id}`, auditor.cookie).then(
      (r) => r.json(),
    )
    const purposes = reads.items.map((r: { summary: { purpose: string; reason: string } }) => [
      r.summary.purpose,
      r.summary.reason,
    ])
    expect(purposes).toEqual(
      expect.arrayContaining([
        ['ledger.unmask', '准备入户走访'],
        ['ledger.break_glass', '核查逾期走访'],
      ]),
    )
    expect(purposes).toHaveLength(2)
  })
})

describe('visits', () => {
  it('records a visit by the caller, hides its notes, seals them, and moves the next due date', async () => {
    const m = await member(a, { responsibleUserId: a.people.worker.id })
    expect(m.nextVisitDue).toBe('2026-12-08')
    const res = await post(`/api/groups/${m.id}/visits`, a.people.worker.cookie, {
      visitedAt: '2026-12-09T09:30:00+08:00',
      outcome: 'met',
      place: { lng: 60.01, lat: 30.01 },
      notes: '老人身体状况良好，冰箱有食物',
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().visit).toMatchObject({
      outcome: 'met',
      visitor: { id: a.people.worker.id },
      hasNotes: true,
      notes: null,
      place: { lng: 60.01, lat: 30.01 },
    })
    expect(res.json().membership).toMatchObject({ nextVisitDue: '2026-12-16', dueState: 'later' })
    expect(res.body).not.toContain('冰箱')
    const [raw] = await queryRows<{ notes_sealed: string }>(
      t.database.db,
      sql`select notes_sealed from visits where id = ${res.json().visit.id}::uuid`,
    )
    expect(raw?.notes_sealed).not.toContain('冰箱')
    const visits = await get(`/api/groups/${m.id}/visits`, a.people.chief.cookie).then((r) => r.json())
    expect(visits).toHaveLength(1)
    const open = await post(`/api/groups/${m.id}/unmask`, a.people.worker.cookie, { reason: '整理走访记录' })
    expect(open.json().visits[0].notes).toBe('老人身体状况良好，冰箱有食物')
  })

  it('stores a visit a phone sends twice under its id once, and refuses the id with another visit', async () => {
    const m = await member(a, { responsibleUserId: a.people.worker.id })
    const body = { id: uuidv7(), visitedAt: '2026-12-09T10:00:00+08:00', outcome: 'not_home' }
    const first = await post(`/api/groups/${m.id}/visits`, a.people.worker.cookie, body)
    expect(first.statusCode, first.body).toBe(201)
    expect(first.json().visit.id).toBe(body.id)
    const again = await post(`/api/groups/${m.id}/visits`, a.people.worker.cookie, body)
    expect([again.statusCode, again.headers['idempotent-replayed']]).toEqual([200, 'true'])
    expect(again.json().visit).toEqual(first.json().visit)
    const other = await post(`/api/groups/${m.id}/visits`, a.people.worker.cookie, {
      ...body,
      outcome: 'met',
    })
    expect([other.statusCode, other.json().code]).toEqual([422, 'idempotency.key_reused'])
    expect(
      await get(`/api/groups/${m.id}/visits`, a.people.worker.cookie).then((r) => r.json()),
    ).toHaveLength(1)
  })

  it('refuses a visit in the future, an unknown outcome, and a visit to an ended membership', async () => {
    const m = await member(a)
    const future = await post(`/api/groups/${m.id}/visits`, a.people.worker.cookie, {
      visitedAt: '2026-12-10T09:00:00+08:00',
      outcome: 'met',
    })
    expect([future.statusCode, future.json().code]).toEqual([400, 'ledger.visit_in_future'])
    const odd = await post(`/api/groups/${m.id}/visits`, a.people.worker.cookie, { outcome: 'chatted' })
    expect(odd.statusCode).toBe(400)
    const ended = await post(`/api/groups/${m.id}/end`, a.people.worker.cookie, {
      endsOn: '2026-12-08',
      version: m.version,
    })
    expect(ended.statusCode, ended.body).toBe(200)
    expect(ended.json()).toMatchObject({ endsOn: '2026-12-08', nextVisitDue: null, dueState: 'none' })
    const late = await post(`/api/groups/${m.id}/visits`, a.people.worker.cookie, { outcome: 'met' })
    expect([late.statusCode, late.json().code]).toEqual([409, 'ledger.membership_ended'])
    // Made on the last day, sent from the phone only now: it counts.
    const lastDay = await post(`/api/groups/${m.id}/visits`, a.people.worker.cookie, {
      id: uuidv7(),
      visitedAt: '2026-12-08T16:00:00+08:00',
      outcome: 'met',
    })
    expect(lastDay.statusCode, lastDay.body).toBe(201)
  })

  it('lists a worker’s own due visits this week, and a chief’s whole subtree', async () => {
    const p = await t.place('740101', 66)
    const helper = await t.as([{ key: 'grid_worker', scope: { type: 'grid', path: p.paths.grid } }])
    const mine = await member(p, { responsibleUserId: p.people.worker.id }) // due 8 Dec: overdue
    const soon = await member(p, { responsibleUserId: p.people.worker.id, startsOn: '2026-12-05' }) // due 12 Dec
    await member(p, { responsibleUserId: p.people.worker.id, startsOn: '2026-12-09' }) // due 16 Dec: later
    const theirs = await member(p, { responsibleUserId: helper.id })
    const due = await get('/api/visits/due', p.people.worker.cookie).then((r) => r.json())
    expect(due).toMatchObject({ week: { from: '2026-12-07', to: '2026-12-13' }, reach: 'mine', overdue: 1 })
    expect(due.items.map((i: { id: string }) => i.id)).toEqual([mine.id, soon.id])
    const chief = await get('/api/visits/due', p.people.chief.cookie).then((r) => r.json())
    expect(chief.reach).toBe('subtree')
    expect(chief.items.map((i: { id: string }) => i.id)).toEqual(
      expect.arrayContaining([mine.id, soon.id, theirs.id]),
    )
    const next = await get('/api/visits/due?week=2026-12-14', p.people.worker.cookie).then((r) => r.json())
    expect(next.items).toHaveLength(3)
    const other = await get('/api/visits/due', b.people.worker.cookie).then((r) => r.json())
    expect(other.items.map((i: { id: string }) => i.id)).not.toContain(mine.id)
  })
})

describe('overdue escalation', () => {
  it('escalates a missed visit once per due date to the community chief, audited, through the inbox', async () => {
    const p = await t.place('750101', 68)
    now = new Date('2026-12-09T02:00:00Z')
    await t.app.visitSweep.run() // whatever is overdue already
    await t.app.outbox.drain()
    const m = await member(p, { startsOn: '2026-12-05' }) // due 12 Dec
    now = new Date('2026-12-12T15:00:00Z') // 23:00 on the 12th in China: not yet missed
    expect(await t.app.visitSweep.run()).toBe(0)
    now = new Date('2026-12-13T01:00:00Z') // the 13th
    expect(await t.app.visitSweep.run()).toBeGreaterThanOrEqual(1)
    expect(await t.app.visitSweep.run()).toBe(0) // once
    const after = await get(`/api/groups/${m.id}`, p.people.chief.cookie).then((r) => r.json())
    expect(after.escalatedAt).toBe('2026-12-13T01:00:00.000Z')
    expect(after.dueState).toBe('overdue')
    await t.app.outbox.drain()
    const inbox = await get('/api/notifications', p.people.chief.cookie).then((r) => r.json())
    const notice = inbox.items.find(
      (n: { subject: { membershipId?: string } }) => n.subject.membershipId === m.id,
    )
    expect(notice).toMatchObject({ kind: 'group.visit_overdue' })
    expect(notice.titleZh).toContain('独居老人 张**')
    // The street chief is not the nearest; the worker is not a chief.
    for (const who of [p.people.streetChief, p.people.worker]) {
      const theirs = await get('/api/notifications', who.cookie).then((r) => r.json())
      expect(
        theirs.items.filter((n: { subject: { membershipId?: string } }) => n.subject.membershipId === m.id),
      ).toEqual([])
    }
    const audit = await get(
      `/api/audit?action=group_membership.escalate&resourceId=${m.id}`,
      auditor.cookie,
    ).then((r) => r.json())
    expect(audit.items).toHaveLength(1)
    // A visit moves the due date on; missing that one escalates again.
    const visit = await post(`/api/groups/${m.id}/visits`, p.people.worker.cookie, { outcome: 'not_home' })
    expect(visit.json().membership.nextVisitDue).toBe('2026-12-20')
    now = new Date('2026-12-21T01:00:00Z')
    expect(await t.app.visitSweep.run()).toBeGreaterThanOrEqual(1)
    const again = await get(`/api/groups/${m.id}`, p.people.chief.cookie).then((r) => r.json())
    expect(again.escalatedAt).toBe('2026-12-21T01:00:00.000Z')
    now = new Date('2026-12-09T02:00:00Z')
  })
})

describe('the special-groups board', () => {
  it('counts open memberships per group under each child grid, overdue apart, within the scope', async () => {
    const p = await t.place('760101', 70)
    await member(p) // elderly_alone from 1 Dec: overdue
    await member(p, { startsOn: '2026-12-09' })
    await member(p, { groupCode: 'disabled' })
    const board = await get(`/api/groups/board?grid=760101001`, p.people.streetChief.cookie)
    expect(board.statusCode, board.body).toBe(200)
    expect(board.json()).toMatchObject({
      grid: { code: '760101001' },
      groups: ['disabled', 'elderly_alone'],
      rows: [
        {
          code: '760101001001',
          members: 3,
          overdue: 1,
          hasChildren: true,
          counts: { elderly_alone: { members: 2, overdue: 1 }, disabled: { members: 1, overdue: 0 } },
        },
      ],
    })
    // The worker's one subtree: the board opens at its grid's children.
    const tops = await get('/api/groups/board', p.people.worker.cookie).then((r) => r.json())
    expect(tops.grid.code).toBe('760101001001001')
    expect(tops.rows.map((r: { code: string }) => r.code)).toEqual(['760101001001001001'])
    expect(tops.rows[0].members).toBe(3)
    // Another grid's worker: the grid is not theirs (404), and a reader without ledger.special gets none.
    expect((await get('/api/groups/board?grid=760101001', b.people.worker.cookie)).statusCode).toBe(404)
    expect((await get('/api/groups/board', p.people.officer.cookie)).statusCode).toBe(404)
  })
})

describe('grid changes', () => {
  it('moves memberships under a retired grid to their person’s grid', async () => {
    const p = await t.place('770101', 72)
    const q = await t.place('780101', 74)
    const m = await member(p)
    // What the people's own hook does in a reshaping: the person now lives in another grid.
    await t.database.db.execute(sql`update people set (grid_id, grid_path) =
      (select id, path from grids where path = ${q.micro}::ltree) where id = ${m.person.id}::uuid`)
    const [old] = await queryRows<{ id: string; code: string; path: string }>(
      t.database.db,
      sql`select id, code, path::text as path from grids where path = ${p.micro}::ltree`,
    )
    if (!old) throw new Error('no micro-grid')
    await t.database.db.transaction((tx) =>
      membershipsFollowPeople(tx, systemContext('test'), {
        kind: 'merge',
        predecessors: [old],
        successors: [],
        heir: null,
      }),
    )
    expect((await get(`/api/groups/${m.id}`, p.people.worker.cookie)).statusCode).toBe(404)
    const moved = await get(`/api/groups/${m.id}`, q.people.worker.cookie).then((r) => r.json())
    expect(moved.grid.code).toBe('780101001001001001')
  })
})
