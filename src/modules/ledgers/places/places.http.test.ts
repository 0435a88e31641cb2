import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../../test/support/app'
import { gridOfPerson, personIn } from '../../../../test/support/ledger-people'
import { queryRows } from '../../../db/database'

let t: TestApp
let a: StaffedPlace
let b: StaffedPlace
// A fixed clock: residences are dated in days, and "now" decides who lives where.
const NOW = new Date('2026-06-15T04:00:00Z')
beforeAll(async () => {
  t = await testApp({}, { clock: () => NOW })
  a = await t.place('710101', 80)
  b = await t.place('710102', 81)
}, 120_000)
afterAll(() => t?.close())

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string, payload?: object) =>
  t.call({ method, url, cookie, ...(payload ? { payload } : {}) })

let n = 0
/** A building in the place's micro-grid (or at `point`), by its grid worker. */
async function building(p: StaffedPlace, extra: Record<string, unknown> = {}) {
  n += 1
  const res = await call('POST', '/api/buildings', p.people.worker.cookie, {
    code: `B${n}`,
    name: `${n} 栋`,
    address: `东大街 ${100 + n} 号${n}栋`,
    estate: '幸福小区',
    floors: 6,
    point: p.point,
    ...extra,
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: string; code: string; version: number; grid: { code: string } }
}

async function room(
  p: StaffedPlace,
  buildingId: string,
  number: string,
  extra: Record<string, unknown> = {},
) {
  const res = await call('POST', `/api/buildings/${buildingId}/rooms`, p.people.worker.cookie, {
    number,
    ...extra,
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: string; version: number }
}

const auditCount = async (action: string, resourceId?: string) => {
  const [row] = await queryRows<{ n: number }>(
    t.database.db,
    sql`select count(*)::int as n from audit_log where action = ${action}
      and (${resourceId ?? null}::text is null or resource_id = ${resourceId ?? null})`,
  )
  return row?.n ?? 0
}

describe('buildings', () => {
  it('places a new building in the leaf grid holding its point, audited, and finds it by list and search', async () => {
    const made = await building(a, { address: '锦江区东大街 100 号', name: '东大街100号' })
    expect(made).toMatchObject({
      grid: { code: `${a.d}001001001001` },
      units: 0,
      rooms: 0,
      abilities: ['update', 'delete'],
    })
    expect(await auditCount('ledger.building_create', made.id)).toBe(1)

    const one = await call('GET', `/api/buildings/${made.id}`, a.people.chief.cookie)
    expect(one.statusCode).toBe(200)
    expect(one.json().point).toEqual(a.point)

    const list = await call('GET', `/api/buildings?grid=${a.d}001001001&q=东大街 100`, a.people.worker.cookie)
    expect(list.statusCode, list.body).toBe(200)
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([made.id])

    const found = await call(
      'GET',
      `/api/addresses?q=${encodeURIComponent('东大街 100')}`,
      a.people.worker.cookie,
    )
    expect(found.json()).toEqual([
      expect.objectContaining({ buildingId: made.id, address: '锦江区东大街 100 号' }),
    ])
  })

  it('pages the list by address with a cursor', async () => {
    const p = await t.place('710103', 82)
    for (const k of [1, 2, 3]) await building(p, { address: `南街 ${k} 号` })
    const first = (await call('GET', '/api/buildings?limit=2', p.people.worker.cookie)).json()
    expect(first.items.map((i: { address: string }) => i.address)).toEqual(['南街 1 号', '南街 2 号'])
    const second = (
      await call('GET', `/api/buildings?limit=2&cursor=${first.nextCursor}`, p.people.worker.cookie)
    ).json()
    expect(second.items.map((i: { address: string }) => i.address)).toEqual(['南街 3 号'])
    expect(second.nextCursor).toBeNull()
    const bad = await call('GET', '/api/buildings?cursor=nonsense', p.people.worker.cookie)
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'ledger.bad_cursor'])
  })

  it('refuses a point outside every grid, a duplicate code in the grid and a stale version, writing nothing', async () => {
    const before = await auditCount('ledger.building_create')
    const outside = await call('POST', '/api/buildings', a.people.worker.cookie, {
      code: 'X1',
      name: '无',
      address: '无处',
      point: { lng: 10, lat: 10 },
    })
    expect([outside.statusCode, outside.json().code]).toEqual([400, 'ledger.outside_grids'])
    expect(outside.headers['content-type']).toContain('application/problem+json')

    const made = await building(a)
    const again = await call('POST', '/api/buildings', a.people.worker.cookie, {
      code: made.code,
      name: '重复',
      address: '重复',
      point: a.point,
    })
    expect([again.statusCode, again.json().code]).toEqual([409, 'ledger.duplicate_code'])
    expect(await auditCount('ledger.building_create')).toBe(before + 1)

    const missing = await call('POST', '/api/buildings', a.people.worker.cookie, {
      code: 'X2',
      point: a.point,
    })
    expect([missing.statusCode, missing.json().code]).toEqual([400, 'request.invalid'])

    const changed = await call('PATCH', `/api/buildings/${made.id}`, a.people.worker.cookie, {
      name: '新名',
      version: made.version,
    })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json()).toMatchObject({ name: '新名', version: made.version + 1 })
    const stale = await call('PATCH', `/api/buildings/${made.id}`, a.people.worker.cookie, {
      name: '旧名',
      version: made.version,
    })
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'ledger.version_conflict'])
    expect((await call('GET', `/api/buildings/${made.id}`, a.people.worker.cookie)).json().name).toBe('新名')
  })

  it('moves a building to another grid by its point, audited, with its residents', async () => {
    // The street chief of a holds both a's micro-grid and the rest of the grid (x+0.07 is outside the micro-grid).
    const made = await building(a)
    const r = await room(a, made.id, '101')
    const person = await personIn(t.database.db, a.micro, '王小明')
    expect(
      (
        await call('POST', `/api/rooms/${r.id}/residences`, a.people.worker.cookie, {
          personId: person,
          relation: 'owner',
          fromDate: '2026-01-01',
        })
      ).statusCode,
    ).toBe(201)
    const moved = await call('PATCH', `/api/buildings/${made.id}`, a.people.streetChief.cookie, {
      point: { lng: a.x + 0.07, lat: 30.07 },
      version: made.version,
    })
    expect(moved.statusCode, moved.body).toBe(200)
    expect(moved.json().grid.code).toBe(`${a.d}001001001`)
    expect(await auditCount('ledger.building_move', made.id)).toBe(1)
    expect(await gridOfPerson(t.database.db, person)).toBe(`${a.d}001001001`)
  })

  it('deletes an empty building, and keeps one somebody lived in', async () => {
    const empty = await building(a)
    await room(a, empty.id, '101')
    expect((await call('DELETE', `/api/buildings/${empty.id}`, a.people.worker.cookie)).statusCode).toBe(204)
    expect((await call('GET', `/api/buildings/${empty.id}`, a.people.worker.cookie)).statusCode).toBe(404)

    const lived = await building(a)
    const r = await room(a, lived.id, '101')
    const person = await personIn(t.database.db, a.micro, '李四')
    await call('POST', `/api/rooms/${r.id}/residences`, a.people.worker.cookie, {
      personId: person,
      relation: 'family',
      fromDate: '2026-01-01',
    })
    const refused = await call('DELETE', `/api/buildings/${lived.id}`, a.people.worker.cookie)
    expect([refused.statusCode, refused.json().code]).toEqual([409, 'ledger.building_in_use'])
  })
})

describe('units and rooms', () => {
  it('adds units and rooms with house fields checked against the code tables', async () => {
    const made = await building(a)
    const unit = await call('POST', `/api/buildings/${made.id}/units`, a.people.worker.cookie, {
      name: '1单元',
    })
    expect(unit.statusCode, unit.body).toBe(201)
    const dup = await call('POST', `/api/buildings/${made.id}/units`, a.people.worker.cookie, {
      name: '1单元',
    })
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'ledger.duplicate_unit'])

    const r = await room(a, made.id, '301', {
      unitId: unit.json().id,
      floor: 3,
      houseUse: 'residential',
      ownership: 'private',
      area: 89.5,
      occupancy: 'self_occupied',
    })
    expect(r).toMatchObject({
      number: '301',
      floor: 3,
      area: 89.5,
      occupancy: 'self_occupied',
      occupants: [],
    })
    const bad = await call('POST', `/api/buildings/${made.id}/rooms`, a.people.worker.cookie, {
      number: '302',
      houseUse: 'castle',
    })
    expect([bad.statusCode, bad.json().code, bad.json().field]).toEqual([
      400,
      'ledger.unknown_code',
      'houseUse',
    ])
    const dupRoom = await call('POST', `/api/buildings/${made.id}/rooms`, a.people.worker.cookie, {
      number: '301',
      unitId: unit.json().id,
    })
    expect([dupRoom.statusCode, dupRoom.json().code]).toEqual([409, 'ledger.duplicate_room'])

    const changed = await call('PATCH', `/api/rooms/${r.id}`, a.people.worker.cookie, {
      occupancy: 'vacant',
      version: r.version,
    })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json()).toMatchObject({ occupancy: 'vacant', version: r.version + 1 })
    const stale = await call('PATCH', `/api/rooms/${r.id}`, a.people.worker.cookie, {
      occupancy: 'rented',
      version: r.version,
    })
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'ledger.version_conflict'])

    const listing = (await call('GET', `/api/buildings/${made.id}/rooms`, a.people.worker.cookie)).json()
    expect(listing.units).toEqual([expect.objectContaining({ name: '1单元' })])
    expect(listing.rooms.map((x: { number: string }) => x.number)).toEqual(['301'])
  })
})

describe('residences', () => {
  it('moves a person in and out, keeping the history; a move elsewhere closes the old residence the day before', async () => {
    const made = await building(a)
    const first = await room(a, made.id, '101')
    const second = await room(a, made.id, '102')
    const person = await personIn(t.database.db, a.micro, '张三')
    const moveIn = await call('POST', `/api/rooms/${first.id}/residences`, a.people.worker.cookie, {
      personId: person,
      relation: 'owner',
      fromDate: '2025-03-01',
    })
    expect(moveIn.statusCode, moveIn.body).toBe(201)
    expect(moveIn.json().occupants).toEqual([
      expect.objectContaining({ personId: person, name: '张*', relation: 'owner', since: '2025-03-01' }),
    ])
    expect(await auditCount('ledger.move_in', first.id)).toBe(1)
    const twice = await call('POST', `/api/rooms/${first.id}/residences`, a.people.worker.cookie, {
      personId: person,
      relation: 'owner',
      fromDate: '2025-04-01',
    })
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'ledger.already_resident'])

    const moved = await call('POST', `/api/rooms/${second.id}/residences`, a.people.worker.cookie, {
      personId: person,
      relation: 'family',
      fromDate: '2026-02-01',
    })
    expect(moved.statusCode, moved.body).toBe(201)
    const old = (await call('GET', `/api/rooms/${first.id}`, a.people.worker.cookie)).json()
    expect(old.occupants).toEqual([])
    expect(old.history).toEqual([
      expect.objectContaining({ personId: person, name: '张*', since: '2025-03-01', until: '2026-01-31' }),
    ])

    const residenceId = moved.json().occupants[0].residenceId
    const early = await call(
      'POST',
      `/api/rooms/${second.id}/residences/${residenceId}/end`,
      a.people.worker.cookie,
      { toDate: '2026-01-01' },
    )
    expect([early.statusCode, early.json().code]).toEqual([400, 'ledger.residence_dates'])
    const out = await call(
      'POST',
      `/api/rooms/${second.id}/residences/${residenceId}/end`,
      a.people.worker.cookie,
      {
        toDate: '2026-05-31',
      },
    )
    expect(out.statusCode, out.body).toBe(200)
    expect(out.json().occupants).toEqual([])
    expect(out.json().history).toEqual([expect.objectContaining({ until: '2026-05-31' })])
    expect(await auditCount('ledger.move_out', second.id)).toBe(1)
  })

  it('registers a rental: the room turns rented and the tenants move in as tenants', async () => {
    const made = await building(a)
    const r = await room(a, made.id, '201', { occupancy: 'vacant' })
    const landlord = await personIn(t.database.db, a.micro, '赵六')
    const tenants = [
      await personIn(t.database.db, a.micro, '钱七'),
      await personIn(t.database.db, a.micro, '孙八'),
    ]
    const res = await call('POST', '/api/rentals', a.people.worker.cookie, {
      roomId: r.id,
      landlordPersonId: landlord,
      startsOn: '2026-03-01',
      endsOn: '2027-02-28',
      purpose: '居住',
      tenants,
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({
      occupancy: 'rented',
      rentals: [{ startsOn: '2026-03-01', tenants: 2 }],
    })
    expect(res.json().occupants.map((o: { relation: string }) => o.relation)).toEqual(['tenant', 'tenant'])
    const backwards = await call('POST', '/api/rentals', a.people.worker.cookie, {
      roomId: r.id,
      startsOn: '2026-03-01',
      endsOn: '2026-02-01',
      tenants,
    })
    expect([backwards.statusCode, backwards.json().code]).toEqual([400, 'request.invalid'])
  })
})

describe('households', () => {
  it('creates a household with its head, adds and removes members by relation code', async () => {
    const made = await building(a)
    const r = await room(a, made.id, '501')
    const head = await personIn(t.database.db, a.micro, '周九')
    const spouse = await personIn(t.database.db, a.micro, '吴十')
    const res = await call('POST', '/api/households', a.people.worker.cookie, {
      number: 'H001',
      roomId: r.id,
      headPersonId: head,
    })
    expect(res.statusCode, res.body).toBe(201)
    const id = res.json().id
    expect(res.json().members).toEqual([
      expect.objectContaining({ personId: head, relation: '01', name: '周*' }),
    ])
    const added = await call('POST', `/api/households/${id}/members`, a.people.worker.cookie, {
      personId: spouse,
      relation: '10',
    })
    expect(added.statusCode, added.body).toBe(200)
    expect(added.json().members).toHaveLength(2)
    const bad = await call('POST', `/api/households/${id}/members`, a.people.worker.cookie, {
      personId: spouse,
      relation: '77',
    })
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'ledger.unknown_code'])
    const headLeaves = await call('DELETE', `/api/households/${id}/members/${head}`, a.people.worker.cookie)
    expect([headLeaves.statusCode, headLeaves.json().code]).toEqual([400, 'ledger.head_cannot_leave'])
    const left = await call('DELETE', `/api/households/${id}/members/${spouse}`, a.people.worker.cookie)
    expect(left.statusCode).toBe(200)
    expect(left.json().members).toHaveLength(1)
    const list = (await call('GET', `/api/households?grid=${a.d}001001001`, a.people.worker.cookie)).json()
    expect(list.items.map((h: { id: string }) => h.id)).toContain(id)
    expect(await auditCount('ledger.household_member_remove', id)).toBe(1)
  })
})

describe('scope: a grid worker of grid A sees nothing of grid B', () => {
  it('answers 404 on one record, nothing in lists or search, and refuses writes', async () => {
    const theirs = await building(b, { address: '北城路 9 号', name: '北城九号' })
    const r = await room(b, theirs.id, '101')
    const person = await personIn(t.database.db, b.micro, '郑十一')
    await call('POST', `/api/rooms/${r.id}/residences`, b.people.worker.cookie, {
      personId: person,
      relation: 'owner',
      fromDate: '2026-01-01',
    })
    const household = (
      await call('POST', '/api/households', b.people.worker.cookie, { roomId: r.id, headPersonId: person })
    ).json()
    const me = a.people.worker.cookie
    for (const url of [
      `/api/buildings/${theirs.id}`,
      `/api/buildings/${theirs.id}/rooms`,
      `/api/buildings/${theirs.id}/units`,
      `/api/rooms/${r.id}`,
      `/api/households/${household.id}`,
    ])
      expect([url, (await call('GET', url, me)).statusCode]).toEqual([url, 404])
    const list = (await call('GET', '/api/buildings?q=北城', me)).json()
    expect(list.items).toEqual([])
    expect((await call('GET', `/api/addresses?q=${encodeURIComponent('北城')}`, me)).json()).toEqual([])
    const households = (await call('GET', '/api/households?limit=200', me)).json()
    expect(households.items.map((h: { id: string }) => h.id)).not.toContain(household.id)
    // Writes: 404 too (whether it exists is not said), and a building placed in B is refused.
    const patch = await call('PATCH', `/api/buildings/${theirs.id}`, me, { name: 'x', version: 1 })
    expect(patch.statusCode).toBe(404)
    const mover = await personIn(t.database.db, a.micro, '何十四')
    for (const [method, url, body] of [
      ['PATCH', `/api/rooms/${r.id}`, { occupancy: 'vacant', version: 1 }],
      [
        'POST',
        `/api/rooms/${r.id}/residences`,
        { personId: mover, relation: 'tenant', fromDate: '2026-05-01' },
      ],
      ['POST', '/api/rentals', { roomId: r.id, startsOn: '2026-05-01', tenants: [mover] }],
      ['POST', `/api/buildings/${theirs.id}/rooms`, { number: '999' }],
      ['DELETE', `/api/buildings/${theirs.id}`, undefined],
      ['POST', `/api/households/${household.id}/members`, { personId: mover, relation: '99' }],
    ] as const)
      expect([method, url, (await call(method, url, me, body)).statusCode]).toEqual([method, url, 404])
    const into = await call('POST', '/api/buildings', me, {
      code: 'Z1',
      name: '越界',
      address: '越界',
      point: b.point,
    })
    expect([into.statusCode, into.json().code]).toEqual([403, 'grid.out_of_scope'])
    // Moving B's person into a room of A: the person is not found.
    const mine = await building(a)
    const myRoom = await room(a, mine.id, '101')
    const steal = await call('POST', `/api/rooms/${myRoom.id}/residences`, me, {
      personId: person,
      relation: 'tenant',
      fromDate: '2026-05-01',
    })
    expect([steal.statusCode, steal.json().code]).toEqual([404, 'ledger.person_not_found'])
  })

  it('lets a reader without ledger.write read but not write', async () => {
    const made = await building(a)
    const instructor = await t.as([{ key: 'grid_instructor', scope: { type: 'grid', path: a.paths.grid } }])
    const one = await call('GET', `/api/buildings/${made.id}`, instructor.cookie)
    expect(one.statusCode).toBe(200)
    expect(one.json().abilities).toEqual([])
    const patch = await call('PATCH', `/api/buildings/${made.id}`, instructor.cookie, {
      name: 'x',
      version: 1,
    })
    expect([patch.statusCode, patch.json().code]).toEqual([403, 'auth.forbidden'])
  })
})

describe('grid succession', () => {
  it('a split of the micro-grid moves its buildings by location, with their residents and households', async () => {
    const p = await t.place('710104', 83)
    const admin = await t.as([{ key: 'admin' }])
    const east = await building(p, { point: { lng: p.x + 0.04, lat: 30.01 } })
    const r = await room(p, east.id, '101')
    const person = await personIn(t.database.db, p.micro, '陈十二')
    await call('POST', `/api/rooms/${r.id}/residences`, p.people.worker.cookie, {
      personId: person,
      relation: 'owner',
      fromDate: '2026-01-01',
    })
    const household = (
      await call('POST', '/api/households', p.people.worker.cookie, { roomId: r.id, headPersonId: person })
    ).json()
    const g = `${p.d}001001001`
    const { box } = await import('../../../../test/support/geo')
    const split = await call('POST', `/api/grids/${g}001/split`, admin.cookie, {
      parts: [
        { code: `${g}002`, name: '西', boundary: box(p.x, 30, 0.025, 0.05), inheritsStaff: true },
        { code: `${g}003`, name: '东', boundary: box(p.x + 0.025, 30, 0.025, 0.05) },
      ],
    })
    expect(split.statusCode, split.body).toBe(201)
    const after = (await call('GET', `/api/buildings/${east.id}`, p.people.worker.cookie)).json()
    expect(after.grid.code).toBe(`${g}003`)
    expect(await gridOfPerson(t.database.db, person)).toBe(`${g}003`)
    expect(
      (await call('GET', `/api/households/${household.id}`, p.people.worker.cookie)).json().grid.code,
    ).toBe(`${g}003`)
    expect(await auditCount('ledger.places_follow_grid', `${g}001`)).toBe(1)

    // A household without a room follows the heir of a merger; the building follows its location.
    const west = await personIn(t.database.db, `${p.paths.grid}.002`, '林十三')
    const roomless = (
      await call('POST', '/api/households', p.people.worker.cookie, { headPersonId: west })
    ).json()
    expect(roomless.grid.code).toBe(`${g}002`)
    const merged = await call('POST', '/api/grids/merge', admin.cookie, {
      codes: [`${g}002`, `${g}003`],
      into: { code: `${g}004`, name: '合' },
    })
    expect(merged.statusCode, merged.body).toBe(201)
    expect((await call('GET', `/api/buildings/${east.id}`, p.people.worker.cookie)).json().grid.code).toBe(
      `${g}004`,
    )
    expect(
      (await call('GET', `/api/households/${roomless.id}`, p.people.worker.cookie)).json().grid.code,
    ).toBe(`${g}004`)
    expect(await gridOfPerson(t.database.db, person)).toBe(`${g}004`)
  })
})
