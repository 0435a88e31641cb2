import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../../test/support/app'
import { personIn } from '../../../../test/support/ledger-people'
import { queryRows } from '../../../db/database'
import { idCheckCharacter } from '../validate/id-number'

let t: TestApp
let a: StaffedPlace
let b: StaffedPlace
beforeAll(async () => {
  t = await testApp()
  a = await t.place('710111', 90)
  b = await t.place('710112', 91)
}, 120_000)
afterAll(() => t?.close())

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
const call = (method: Method, url: string, cookie: string, payload?: object) =>
  t.call({ method, url, cookie, ...(payload ? { payload } : {}) })

interface Household {
  id: string
  number: string | null
  room: { id: string; buildingId: string; place: string } | null
  headPersonId: string | null
  members: { personId: string; name: string; idNumber: string | null; relation: string }[]
}

let serial = 0
/** A person registered through the API with an ID number, in the place's micro-grid. */
async function registered(p: StaffedPlace, name: string): Promise<{ id: string; idNumber: string }> {
  serial += 1
  const first17 = `110105199001${String(10 + serial).padStart(2, '0')}${String(100 + serial).slice(-3)}`
  const idNumber = first17 + idCheckCharacter(first17)
  const res = await call('POST', '/api/people', p.people.worker.cookie, {
    kind: '户籍人口',
    name,
    idNumber,
    gridCode: `${p.d}001001001001`,
  })
  expect(res.statusCode, res.body).toBe(201)
  return { id: res.json().id, idNumber }
}

async function household(p: StaffedPlace, body: Record<string, unknown>): Promise<Household> {
  const res = await call('POST', '/api/households', p.people.worker.cookie, body)
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}

const auditCount = async (action: string, resourceId: string) => {
  const [row] = await queryRows<{ n: number }>(
    t.database.db,
    sql`select count(*)::int as n from audit_log where action = ${action} and resource_id = ${resourceId}`,
  )
  return row?.n ?? 0
}

describe('the household view', () => {
  it('masks names, ID numbers and the room, and audits the masked read', async () => {
    const head = await registered(a, '欧阳明月')
    const made = await call('POST', '/api/buildings', a.people.worker.cookie, {
      code: 'H1',
      name: '和平楼',
      address: '和平路8号2栋',
      point: a.point,
    })
    const room = await call('POST', `/api/buildings/${made.json().id}/rooms`, a.people.worker.cookie, {
      number: '1203',
    })
    const h = await household(a, { number: 'HH-100', roomId: room.json().id, headPersonId: head.id })
    expect(h.headPersonId).toBe(head.id)
    expect(h.room).toEqual({ id: room.json().id, buildingId: made.json().id, place: '和平路****' })
    expect(h.members).toEqual([
      expect.objectContaining({ personId: head.id, relation: '01', name: '欧阳**' }),
    ])
    expect(h.members[0]?.idNumber).toBe(`${head.idNumber.slice(0, 6)}********${head.idNumber.slice(-4)}`)
    const one = await call('GET', `/api/households/${h.id}`, a.people.chief.cookie)
    expect(one.statusCode).toBe(200)
    const [read] = await queryRows<{ summary: { purpose: string; masked: boolean } }>(
      t.database.db,
      sql`select summary from audit_log where action = 'personal_data.read' and resource_id = ${head.id}
        and summary->>'purpose' = 'ledger.household' order by id desc limit 1`,
    )
    expect(read?.summary).toMatchObject({ purpose: 'ledger.household', masked: true })
  })
})

describe('the household list', () => {
  it('finds by household number or head’s name, in keyset pages', async () => {
    const heads = await Promise.all(
      ['甲一户', '乙二户', '丙三户'].map((n) => personIn(t.database.db, a.micro, n)),
    )
    const made: Household[] = []
    for (const [i, head] of heads.entries())
      made.push(await household(a, { number: `QX-${i}`, headPersonId: head }))
    const ids = (items: Household[]) => items.map((h) => h.id)
    const byNumber = (await call('GET', '/api/households?q=qx-1', a.people.worker.cookie)).json()
    expect(ids(byNumber.items)).toEqual([made[1]?.id])
    const byHead = (
      await call('GET', `/api/households?q=${encodeURIComponent('丙三')}`, a.people.worker.cookie)
    ).json()
    expect(ids(byHead.items)).toEqual([made[2]?.id])
    const first = (await call('GET', '/api/households?q=QX-&limit=2', a.people.worker.cookie)).json()
    expect(ids(first.items)).toEqual([made[2]?.id, made[1]?.id])
    const second = (
      await call('GET', `/api/households?q=QX-&limit=2&cursor=${first.nextCursor}`, a.people.worker.cookie)
    ).json()
    expect(ids(second.items)).toEqual([made[0]?.id])
    expect(second.nextCursor).toBeNull()
    // A percent sign is text, not a pattern.
    const none = (await call('GET', '/api/households?q=%25', a.people.worker.cookie)).json()
    expect(none.items).toEqual([])
  })
})

describe('members and the change of head', () => {
  it('moves the head to a member; the former head takes the relation given and may then leave', async () => {
    const head = await personIn(t.database.db, a.micro, '赵家长')
    const son = await personIn(t.database.db, a.micro, '赵长子')
    const stranger = await personIn(t.database.db, a.micro, '钱路人')
    const h = await household(a, { number: 'ZH-1', headPersonId: head })
    const me = a.people.worker.cookie
    const added = await call('POST', `/api/households/${h.id}/members`, me, { personId: son, relation: '20' })
    expect(added.statusCode, added.body).toBe(200)

    for (const [body, code] of [
      [{ personId: head, formerHeadRelation: '10' }, 'ledger.already_head'],
      [{ personId: stranger, formerHeadRelation: '50' }, 'ledger.not_member'],
      [{ personId: son, formerHeadRelation: '01' }, 'ledger.one_head'],
      [{ personId: son, formerHeadRelation: '77' }, 'ledger.unknown_code'],
      [{ personId: 'not-a-uuid', formerHeadRelation: '50' }, 'request.invalid'],
      [{ personId: son }, 'request.invalid'],
    ] as const) {
      const res = await call('PUT', `/api/households/${h.id}/head`, me, body)
      expect([res.statusCode, res.headers['content-type'], res.json().code]).toEqual([
        400,
        expect.stringContaining('application/problem+json'),
        code,
      ])
    }
    // Nothing half-written by the refusals.
    const still = (await call('GET', `/api/households/${h.id}`, me)).json() as Household
    expect(still.headPersonId).toBe(head)

    const changed = await call('PUT', `/api/households/${h.id}/head`, me, {
      personId: son,
      formerHeadRelation: '50',
    })
    expect(changed.statusCode, changed.body).toBe(200)
    const after = changed.json() as Household
    expect(after.headPersonId).toBe(son)
    const relation = (id: string) => after.members.find((m) => m.personId === id)?.relation
    expect([relation(son), relation(head)]).toEqual(['01', '50'])
    expect(await auditCount('ledger.household_head_change', h.id)).toBe(1)

    const sonLeaves = await call('DELETE', `/api/households/${h.id}/members/${son}`, me)
    expect([sonLeaves.statusCode, sonLeaves.json().code]).toEqual([400, 'ledger.head_cannot_leave'])
    const formerLeaves = await call('DELETE', `/api/households/${h.id}/members/${head}`, me)
    expect(formerLeaves.statusCode).toBe(200)
    expect((formerLeaves.json() as Household).members.map((m) => m.personId)).toEqual([son])
  })

  it('keeps a person in one household at a time (409), for a new head and a new member', async () => {
    const head = await personIn(t.database.db, a.micro, '孙一家')
    const other = await personIn(t.database.db, a.micro, '李另户')
    const h = await household(a, { headPersonId: head })
    const again = await call('POST', '/api/households', a.people.worker.cookie, { headPersonId: head })
    expect([again.statusCode, again.json().code]).toEqual([409, 'ledger.in_other_household'])
    const h2 = await household(a, { headPersonId: other })
    const join = await call('POST', `/api/households/${h2.id}/members`, a.people.worker.cookie, {
      personId: head,
      relation: '70',
    })
    expect([join.statusCode, join.json().code, join.json().householdId]).toEqual([
      409,
      'ledger.in_other_household',
      h.id,
    ])
  })
})

describe('scope', () => {
  it('answers 404 outside the subtree and 403 to a reader who may not write', async () => {
    const theirs = await personIn(t.database.db, b.micro, '周外网')
    const theirMember = await personIn(t.database.db, b.micro, '周外子')
    const h = await household(b, { number: 'OUT-1', headPersonId: theirs })
    await call('POST', `/api/households/${h.id}/members`, b.people.worker.cookie, {
      personId: theirMember,
      relation: '20',
    })
    const me = a.people.worker.cookie
    for (const [method, url, body] of [
      ['GET', `/api/households/${h.id}`, undefined],
      ['PUT', `/api/households/${h.id}/head`, { personId: theirMember, formerHeadRelation: '50' }],
      ['DELETE', `/api/households/${h.id}/members/${theirMember}`, undefined],
    ] as const)
      expect([method, url, (await call(method, url, me, body)).statusCode]).toEqual([method, url, 404])
    const list = (await call('GET', '/api/households?q=OUT-1', me)).json()
    expect(list.items).toEqual([])
    // B's person cannot head a household of A's worker either.
    const steal = await call('POST', '/api/households', me, { headPersonId: theirs })
    expect([steal.statusCode, steal.json().code]).toEqual([404, 'ledger.person_not_found'])

    const instructor = await t.as([{ key: 'grid_instructor', scope: { type: 'grid', path: b.paths.grid } }])
    const seen = await call('GET', `/api/households/${h.id}`, instructor.cookie)
    expect([seen.statusCode, seen.json().abilities]).toEqual([200, []])
    const refused = await call('PUT', `/api/households/${h.id}/head`, instructor.cookie, {
      personId: theirMember,
      formerHeadRelation: '50',
    })
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'auth.forbidden'])
  })
})

describe('the desk edit of a household', () => {
  it('changes the number and the room at the version read, moves the grid with the room, refuses a stale version', async () => {
    const head = await personIn(t.database.db, a.micro, '钱家长')
    const h = await household(a, { number: 'ED-1', headPersonId: head })
    const made = await call('POST', '/api/buildings', a.people.worker.cookie, {
      code: 'E1',
      name: '东风楼',
      address: '东风路9号1栋',
      point: a.point,
    })
    const room = await call('POST', `/api/buildings/${made.json().id}/rooms`, a.people.worker.cookie, {
      number: '301',
    })
    const res = await call('PATCH', `/api/households/${h.id}`, a.people.worker.cookie, {
      version: 2,
      number: 'ED-2',
      roomId: room.json().id,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ number: 'ED-2', room: { id: room.json().id }, version: 3 })
    expect(await auditCount('ledger.household_update', h.id)).toBe(1)
    const stale = await call('PATCH', `/api/households/${h.id}`, a.people.worker.cookie, {
      version: 2,
      number: 'ED-3',
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().code).toBe('ledger.version_conflict')
    const elsewhere = await call('PATCH', `/api/households/${h.id}`, b.people.worker.cookie, {
      version: 3,
      number: 'ED-4',
    })
    expect(elsewhere.statusCode).toBe(404)
  })
})
