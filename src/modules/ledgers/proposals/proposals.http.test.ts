import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../../test/support/app'
import { personIn } from '../../../../test/support/ledger-people'
import { queryRows } from '../../../db/database'
import { uuidv7 } from '../../../lib/ids'
import { idCheckCharacter } from '../validate/id-number'

let t: TestApp
let a: StaffedPlace
let b: StaffedPlace
/** A grid instructor of A's grid: reads the ledgers, may not write them. */
let instructor: { id: string; cookie: string }
const microA = () => `${a.d}001001001001`

beforeAll(async () => {
  t = await testApp()
  a = await t.place('520104', 106)
  b = await t.place('520105', 107)
  instructor = await t.as([{ key: 'grid_instructor', scope: { type: 'grid', path: a.paths.grid } }])
}, 120_000)
afterAll(() => t?.close())

let serial = 0
function idNumber(): string {
  serial += 1
  const born = new Date(Date.UTC(1982, 0, 1) + serial * 86_400_000)
  const first17 = `110105${born.toISOString().slice(0, 10).replaceAll('-', '')}${String(100 + serial).slice(-3)}`
  return first17 + idCheckCharacter(first17)
}

type Method = 'GET' | 'POST' | 'PATCH'
const call = (cookie: string, method: Method, url: string, payload?: object) =>
  t.call({ method, url, cookie, ...(payload ? { payload } : {}) })

/** A person registered on the desk by A's worker (version 1). */
async function person(overrides: Record<string, unknown> = {}) {
  const body = {
    kind: '户籍人口',
    name: '陈秀英',
    idNumber: idNumber(),
    gridCode: microA(),
    phone: '13900001111',
    occupation: '教师',
    ...overrides,
  }
  const res = await call(a.people.worker.cookie, 'POST', '/api/people', body)
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: string; version: number; phone: string }
}

const propose = (cookie: string, body: Record<string, unknown>) =>
  call(cookie, 'POST', '/api/ledgers/proposals', { id: uuidv7(), kind: 'person', ...body })

/** A correction collected in a campaign: it waits for review. Answers its id. */
const campaignCorrection = async (cookie: string, targetId: string, occupation: string): Promise<string> =>
  (
    await propose(cookie, {
      targetId,
      baseVersion: 1,
      changes: { occupation },
      source: { campaignId: uuidv7() },
    })
  ).json().id

const one = (cookie: string, id: string) => call(cookie, 'GET', `/api/people/${id}`).then((r) => r.json())

const audits = (action: string, resourceId: string) =>
  queryRows<{ summary: Record<string, unknown> }>(
    t.database.db,
    sql`select summary from audit_log where action = ${action} and resource_id = ${resourceId} order by id`,
  )

const proposalRows = (targetId: string) =>
  queryRows<{ id: string; state: string; changes: object; changes_sealed: string | null }>(
    t.database.db,
    sql`select id, state, changes, changes_sealed from ledger_proposals where target_id = ${targetId}`,
  )

describe('a proposal made on the current version by a writer', () => {
  it('is applied at once through the desk edit: version + 1, history, audit via field', async () => {
    const p = await person()
    const id = uuidv7()
    const res = await call(a.people.worker.cookie, 'POST', '/api/ledgers/proposals', {
      id,
      kind: 'person',
      targetId: p.id,
      baseVersion: 1,
      changes: { occupation: '医生', phone: '13800002222' },
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toEqual({
      id,
      state: 'applied',
      version: 2,
      fields: { worker: ['occupation', 'phone'], server: [], hard: [] },
    })
    const now = await one(a.people.chief.cookie, p.id)
    expect(now).toMatchObject({ version: 2, occupation: '医生', phone: '138****2222' })
    const [update] = await audits('person.update', p.id)
    expect(update?.summary).toMatchObject({ via: 'field', proposalId: id })
    expect((await audits('ledger.proposal_create', p.id))[0]?.summary).toMatchObject({ state: 'applied' })
    const [history] = await queryRows<{ version: number }>(
      t.database.db,
      sql`select version from ledger_changes where record_id = ${p.id} order by at desc, id desc limit 1`,
    )
    expect(history?.version).toBe(2)
  })

  it('keeps the personal values it carries sealed at rest', async () => {
    const p = await person()
    const res = await propose(a.people.worker.cookie, {
      targetId: p.id,
      baseVersion: 1,
      changes: { phone: '13712345678', currentAddress: '东大街100号3栋1203室', workplace: '市一医院' },
    })
    expect(res.json().state).toBe('applied')
    const [row] = await proposalRows(p.id)
    expect(row?.changes).toEqual({ workplace: '市一医院' })
    expect(row?.changes_sealed).toMatch(/^f1\./)
    const raw = JSON.stringify(
      await queryRows(t.database.db, sql`select * from ledger_proposals where target_id = ${p.id}`),
    )
    expect(raw).not.toContain('13712345678')
    expect(raw).not.toContain('1203')
  })
})

describe('erase on request', () => {
  it('purges the values of the person’s proposals, keeping which fields they named', async () => {
    const p = await person()
    await call(a.people.chief.cookie, 'PATCH', `/api/people/${p.id}`, { version: 1, occupation: '司机' })
    const stale = await propose(a.people.worker.cookie, {
      targetId: p.id,
      baseVersion: 1,
      changes: { phone: '13787654321', occupation: '厨师' },
    })
    expect(stale.json().state).toBe('conflict')
    const erased = await call(a.people.chief.cookie, 'POST', `/api/people/${p.id}/erase`, {
      reason: '本人申请删除个人信息',
    })
    expect(erased.statusCode, erased.body).toBe(200)
    const [row] = await queryRows<{ changes: object; changes_sealed: string | null; answer: object }>(
      t.database.db,
      sql`select changes, changes_sealed, answer from ledger_proposals where target_id = ${p.id}`,
    )
    expect(row).toMatchObject({ changes: { occupation: null }, changes_sealed: null })
    expect(row?.answer).not.toHaveProperty('current')
    expect(JSON.stringify(row)).not.toContain('厨师')
    const approve = await call(
      a.people.chief.cookie,
      'POST',
      `/api/ledgers/proposals/${stale.json().id}/approve`,
      {
        version: 3,
      },
    )
    expect(approve.statusCode).toBe(409)
    expect(approve.json().code).toBe('ledger.person_erased')
  })
})

describe('replays', () => {
  it('answers the first answer to the same id and body, and refuses the id with another body', async () => {
    const p = await person()
    const body = {
      id: uuidv7(),
      kind: 'person',
      targetId: p.id,
      baseVersion: 1,
      changes: { occupation: '司机' },
    }
    const first = await call(a.people.worker.cookie, 'POST', '/api/ledgers/proposals', body)
    expect(first.statusCode).toBe(201)
    // The record moved on since: a replay still answers what the first request was answered.
    const again = await call(a.people.worker.cookie, 'POST', '/api/ledgers/proposals', {
      ...body,
      changes: { occupation: '司机' },
    })
    expect(again.statusCode).toBe(201)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.json()).toEqual(first.json())
    const other = await call(a.people.worker.cookie, 'POST', '/api/ledgers/proposals', {
      ...body,
      changes: { occupation: '厨师' },
    })
    expect(other.statusCode).toBe(422)
    expect(other.json().code).toBe('idempotency.key_reused')
    // Another user sending the very same body under that id is refused as well.
    const stranger = await call(a.people.chief.cookie, 'POST', '/api/ledgers/proposals', body)
    expect(stranger.statusCode).toBe(422)
    expect((await one(a.people.chief.cookie, p.id)).occupation).toBe('司机')
    expect(await proposalRows(p.id)).toHaveLength(1)
  })

  it('answers two sends of one correction at once with one answer, storing it once', async () => {
    const p = await person()
    const body = {
      id: uuidv7(),
      kind: 'person',
      targetId: p.id,
      baseVersion: 1,
      changes: { occupation: '教师' },
    }
    const [x, y] = await Promise.all([
      call(a.people.worker.cookie, 'POST', '/api/ledgers/proposals', body),
      call(a.people.worker.cookie, 'POST', '/api/ledgers/proposals', body),
    ])
    expect([x?.statusCode, y?.statusCode]).toEqual([201, 201])
    expect(x?.json()).toEqual(y?.json())
    expect(await proposalRows(p.id)).toHaveLength(1)
  })
})

describe('checks', () => {
  it('refuses a bad value or a field the edit form does not have with field errors, storing nothing', async () => {
    const p = await person()
    const bad = await propose(a.people.worker.cookie, {
      targetId: p.id,
      baseVersion: 1,
      changes: { phone: '电话打不通', sex: '火' },
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().code).toBe('ledger.invalid')
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['phone', 'sex'])
    const unknown = await propose(a.people.worker.cookie, {
      targetId: p.id,
      baseVersion: 1,
      changes: { tags: '重点', version: 3 },
    })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().errors).toEqual([
      expect.objectContaining({ field: 'tags', code: 'ledger.unknown_field' }),
      expect.objectContaining({ field: 'version', code: 'ledger.unknown_field' }),
    ])
    const none = await propose(a.people.worker.cookie, { targetId: p.id, baseVersion: 1, changes: {} })
    expect(none.statusCode).toBe(400)
    // Stale and bad: still refused, not parked as a conflict.
    const staleBad = await propose(a.people.worker.cookie, {
      targetId: p.id,
      baseVersion: 9,
      changes: { phone: 'x' },
    })
    expect(staleBad.statusCode).toBe(400)
    expect(await proposalRows(p.id)).toEqual([])
    expect((await one(a.people.chief.cookie, p.id)).version).toBe(1)
  })

  it('answers 404 for a record outside the proposer’s grids', async () => {
    const p = await person()
    const res = await propose(b.people.worker.cookie, {
      targetId: p.id,
      baseVersion: 1,
      changes: { occupation: 'x' },
    })
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('ledger.not_found')
    expect(await proposalRows(p.id)).toEqual([])
  })
})

describe('a stale proposal', () => {
  it('becomes a conflict, applies nothing, and names the fields each side changed', async () => {
    const p = await person()
    // The chief corrects the phone on the desk while the worker is offline.
    const desk = await call(a.people.chief.cookie, 'PATCH', `/api/people/${p.id}`, {
      version: 1,
      phone: '13600003333',
    })
    expect(desk.statusCode, desk.body).toBe(200)
    const id = uuidv7()
    const res = await call(a.people.worker.cookie, 'POST', '/api/ledgers/proposals', {
      id,
      kind: 'person',
      targetId: p.id,
      baseVersion: 1,
      changes: { phone: '13500004444', occupation: '护士' },
    })
    expect(res.statusCode, res.body).toBe(201)
    const answer = res.json()
    expect(answer).toMatchObject({
      id,
      state: 'conflict',
      current: { version: 2 },
      fields: { worker: ['phone', 'occupation'], server: ['phone'], hard: ['phone'] },
    })
    expect(answer.version).toBeUndefined()
    expect(answer.current.values).toMatchObject({ name: '陈**', phone: '136****3333', occupation: '教师' })
    // Never a silent overwrite: the record is as the chief left it.
    const now = await one(a.people.chief.cookie, p.id)
    expect(now).toMatchObject({ version: 2, phone: '136****3333', occupation: '教师' })

    // The review queue shows it to the chief, field by field, masked.
    const queue = (await call(a.people.chief.cookie, 'GET', '/api/ledgers/proposals?state=conflict')).json()
    const item = queue.items.find((i: { id: string }) => i.id === id)
    expect(item).toMatchObject({
      state: 'conflict',
      targetLabel: '陈**',
      baseVersion: 1,
      currentVersion: 2,
      proposedBy: { id: a.people.worker.id },
      abilities: ['approve', 'reject'],
    })
    expect(item.fields).toEqual([
      expect.objectContaining({
        field: 'occupation',
        current: '教师',
        proposed: '护士',
        server: false,
        hard: false,
      }),
      expect.objectContaining({
        field: 'phone',
        current: '136****3333',
        proposed: '135****4444',
        hard: true,
      }),
    ])
    // Approving a conflict applies the worker's fields onto the version the chief saw.
    const approved = await call(a.people.chief.cookie, 'POST', `/api/ledgers/proposals/${id}/approve`, {
      version: 2,
    })
    expect(approved.statusCode, approved.body).toBe(200)
    expect(approved.json()).toMatchObject({
      state: 'approved',
      appliedVersion: 3,
      decidedBy: { id: a.people.chief.id },
    })
    expect(await one(a.people.chief.cookie, p.id)).toMatchObject({ phone: '135****4444', occupation: '护士' })
  })

  it('is a conflict even when the desk changed other fields (soft), and lists none as hard', async () => {
    const p = await person()
    await call(a.people.chief.cookie, 'PATCH', `/api/people/${p.id}`, { version: 1, workplace: '市政府' })
    const res = await propose(a.people.worker.cookie, {
      targetId: p.id,
      baseVersion: 1,
      changes: { occupation: '律师' },
    })
    expect(res.json()).toMatchObject({
      state: 'conflict',
      fields: { worker: ['occupation'], server: ['workplace'], hard: [] },
    })
    const item = (await call(a.people.chief.cookie, 'GET', `/api/ledgers/proposals/${res.json().id}`)).json()
    expect(item.alsoChanged).toEqual([expect.objectContaining({ field: 'workplace', zh: '服务处所' })])
    expect((await one(a.people.chief.cookie, p.id)).occupation).toBe('教师')
  })
})

describe('pending review', () => {
  it('holds a campaign’s correction for review; the chief approves it onto the version seen', async () => {
    const p = await person()
    const id = uuidv7()
    const res = await call(a.people.worker.cookie, 'POST', '/api/ledgers/proposals', {
      id,
      kind: 'person',
      targetId: p.id,
      baseVersion: 1,
      changes: { occupation: '退休', maritalStatus: '已婚' },
      source: { campaignId: uuidv7(), taskId: uuidv7() },
    })
    expect(res.json()).toEqual({
      id,
      state: 'pending',
      fields: { worker: ['occupation', 'maritalStatus'], server: [], hard: [] },
    })
    expect((await one(a.people.chief.cookie, p.id)).occupation).toBe('教师')

    const mine = (
      await call(a.people.worker.cookie, 'GET', '/api/ledgers/proposals?mine=true&state=pending')
    ).json()
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(id)
    expect(mine.items.find((i: { id: string }) => i.id === id).abilities).toEqual([])
    // The worker holds no ledger.review: the route refuses before the body is read.
    const byWorker = await call(a.people.worker.cookie, 'POST', `/api/ledgers/proposals/${id}/approve`, {
      version: 1,
    })
    expect(byWorker.statusCode).toBe(403)
    // Another community's chief does not see it.
    const elsewhere = await call(b.people.chief.cookie, 'POST', `/api/ledgers/proposals/${id}/approve`, {
      version: 1,
    })
    expect(elsewhere.statusCode).toBe(404)
    const theirs = (await call(b.people.chief.cookie, 'GET', '/api/ledgers/proposals')).json()
    expect(theirs.items.map((i: { id: string }) => i.id)).not.toContain(id)

    const queue = (await call(a.people.chief.cookie, 'GET', '/api/ledgers/proposals?state=pending')).json()
    const item = queue.items.find((i: { id: string }) => i.id === id)
    expect(item.source).toMatchObject({ campaignId: expect.any(String) })
    // In the edit form's order; a code field named as its code table names it.
    expect(item.fields).toEqual([
      expect.objectContaining({
        field: 'maritalStatus',
        current: null,
        proposed: '20',
        proposedName: { zh: '已婚', en: 'Married' },
      }),
      expect.objectContaining({ field: 'occupation', current: '教师', proposed: '退休', differs: true }),
    ])

    // The record moved since the chief looked: the approval is refused, nothing applied.
    await call(a.people.worker.cookie, 'PATCH', `/api/people/${p.id}`, { version: 1, workplace: '社区' })
    const stale = await call(a.people.chief.cookie, 'POST', `/api/ledgers/proposals/${id}/approve`, {
      version: 1,
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.json()).toMatchObject({ code: 'ledger.version_conflict', version: 2 })
    expect((await one(a.people.chief.cookie, p.id)).occupation).toBe('教师')

    const ok = await call(a.people.chief.cookie, 'POST', `/api/ledgers/proposals/${id}/approve`, {
      version: 2,
    })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json()).toMatchObject({ state: 'approved', appliedVersion: 3 })
    expect(await one(a.people.chief.cookie, p.id)).toMatchObject({
      occupation: '退休',
      workplace: '社区',
      version: 3,
    })
    expect((await audits('ledger.proposal_approve', p.id))[0]?.summary).toMatchObject({
      proposalId: id,
      version: 3,
    })
    expect((await audits('person.update', p.id)).at(-1)?.summary).toMatchObject({
      via: 'field',
      proposalId: id,
    })
    const twice = await call(a.people.chief.cookie, 'POST', `/api/ledgers/proposals/${id}/approve`, {
      version: 3,
    })
    expect(twice.statusCode).toBe(409)
    expect(twice.json().code).toBe('ledger.proposal_decided')
  })

  it('holds the correction of a reader who may not write (a grid instructor)', async () => {
    const p = await person()
    const res = await propose(instructor.cookie, {
      targetId: p.id,
      baseVersion: 1,
      changes: { occupation: '工人' },
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().state).toBe('pending')
    expect((await one(a.people.chief.cookie, p.id)).occupation).toBe('教师')
  })

  it('rejects with a reason of four characters or more, applies nothing, and audits it', async () => {
    const p = await person()
    const id = await campaignCorrection(a.people.worker.cookie, p.id, '无业')
    const short = await call(a.people.chief.cookie, 'POST', `/api/ledgers/proposals/${id}/reject`, {
      reason: ' 不对 ',
    })
    expect(short.statusCode).toBe(400)
    expect(short.json().code).toBe('ledger.reject_reason_required')
    const res = await call(a.people.chief.cookie, 'POST', `/api/ledgers/proposals/${id}/reject`, {
      reason: '与户籍信息不符',
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ state: 'rejected', reason: '与户籍信息不符', appliedVersion: null })
    expect((await one(a.people.chief.cookie, p.id)).occupation).toBe('教师')
    expect((await audits('ledger.proposal_reject', p.id))[0]?.summary).toMatchObject({
      reason: '与户籍信息不符',
    })
    const decided = (
      await call(
        a.people.worker.cookie,
        'GET',
        '/api/ledgers/proposals?mine=true&state=applied,approved,rejected',
      )
    ).json()
    expect(decided.items.find((i: { id: string }) => i.id === id)).toMatchObject({ state: 'rejected' })
  })

  it('is not decided by its own proposer', async () => {
    const p = await person()
    const id = await campaignCorrection(a.people.chief.cookie, p.id, '商人')
    const own = await call(a.people.chief.cookie, 'POST', `/api/ledgers/proposals/${id}/approve`, {
      version: 1,
    })
    expect(own.statusCode).toBe(403)
    expect(own.json().code).toBe('ledger.proposal_own')
    const street = await call(a.people.streetChief.cookie, 'POST', `/api/ledgers/proposals/${id}/approve`, {
      version: 1,
    })
    expect(street.statusCode, street.body).toBe(200)
  })
})

describe('households', () => {
  it('applies a fresh number, and flags a stale one as a conflict without applying it', async () => {
    const head = await personIn(t.database.db, a.micro, '孙家长')
    const made = await call(a.people.worker.cookie, 'POST', '/api/households', {
      number: 'SJ-1',
      headPersonId: head,
    })
    expect(made.statusCode, made.body).toBe(201)
    const h = made.json()
    const fresh = await call(a.people.worker.cookie, 'POST', '/api/ledgers/proposals', {
      id: uuidv7(),
      kind: 'household',
      targetId: h.id,
      baseVersion: h.version,
      changes: { number: 'SJ-2' },
    })
    expect(fresh.json()).toMatchObject({ state: 'applied', version: h.version + 1 })
    const stale = await call(a.people.worker.cookie, 'POST', '/api/ledgers/proposals', {
      id: uuidv7(),
      kind: 'household',
      targetId: h.id,
      baseVersion: h.version,
      changes: { number: 'SJ-3' },
    })
    expect(stale.json()).toMatchObject({
      state: 'conflict',
      current: { version: h.version + 1, values: { number: 'SJ-2' } },
      fields: { worker: ['number'], server: ['number'], hard: ['number'] },
    })
    const now = await call(a.people.chief.cookie, 'GET', `/api/households/${h.id}`)
    expect(now.json()).toMatchObject({ number: 'SJ-2', version: h.version + 1 })
    const bad = await call(a.people.worker.cookie, 'POST', '/api/ledgers/proposals', {
      id: uuidv7(),
      kind: 'household',
      targetId: h.id,
      baseVersion: h.version + 1,
      changes: { number: 'x'.repeat(31), roomId: 'nowhere' },
    })
    expect(bad.statusCode).toBe(400)
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['number', 'roomId'])
  })
})
