import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../../test/support/app'
import { queryRows } from '../../../db/database'
import { uuidv7 } from '../../../lib/ids'

let t: TestApp
let a: StaffedPlace
let b: StaffedPlace
let household: string
let roomless: string
const NOW = new Date('2026-12-09T12:00:00+08:00')

const call = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) =>
  t.call({ method, url, cookie, ...(payload ? { payload } : {}) })

/** A household in a room of a building at the place's point, and one without a room, written straight to the tables. */
async function households(p: StaffedPlace) {
  const building = uuidv7()
  const room = uuidv7()
  const withRoom = uuidv7()
  const without = uuidv7()
  const db = t.database.db
  await db.execute(sql`insert into buildings (id, grid_id, grid_path, code, name, address, point)
    select ${building}, id, path, 'B1', '锦华苑1栋', '锦华路1号', ST_SetSRID(ST_MakePoint(${p.point.lng}, ${p.point.lat}), 4326)
    from grids where path = ${p.micro}::ltree`)
  await db.execute(sql`insert into rooms (id, building_id, number) values (${room}, ${building}, '101')`)
  for (const [id, roomId] of [
    [withRoom, room],
    [without, null],
  ] as const)
    await db.execute(sql`insert into households (id, grid_id, grid_path, number, room_id)
      select ${id}, id, path, ${id.slice(-6)}, ${roomId} from grids where path = ${p.micro}::ltree`)
  return { withRoom, without }
}

beforeAll(async () => {
  t = await testApp({}, { clock: () => NOW })
  a = await t.place('710181', 120)
  b = await t.place('710182', 121)
  ;({ withRoom: household, without: roomless } = await households(a))
})
afterAll(() => t.close())

describe('household visits', () => {
  it('records a visit with its distance from the building as the location proof, notes sealed', async () => {
    const at = { lng: a.point.lng + 0.0003, lat: a.point.lat } // about 29 m east of the building
    const res = await call('POST', `/api/households/${household}/visits`, a.people.worker.cookie, {
      outcome: 'met',
      place: at,
      notes: '燃气管道老化，已提醒更换',
      photos: ['a'.repeat(64)],
      visitedAt: '2026-12-09T10:00:00+08:00',
    })
    expect(res.statusCode, res.body).toBe(201)
    const visit = res.json()
    expect(visit).toMatchObject({
      outcome: 'met',
      hasNotes: true,
      atBuilding: true,
      photos: ['a'.repeat(64)],
    })
    expect(visit.distanceM).toBeGreaterThan(20)
    expect(visit.distanceM).toBeLessThan(40)
    expect(res.body).not.toContain('燃气管道')
    const far = await call('POST', `/api/households/${household}/visits`, a.people.worker.cookie, {
      outcome: 'by_phone',
      place: { lng: a.point.lng + 0.01, lat: a.point.lat },
    })
    expect(far.json()).toMatchObject({ atBuilding: false })
    const none = await call('POST', `/api/households/${roomless}/visits`, a.people.worker.cookie, {
      outcome: 'met',
      place: at,
    })
    expect(none.json()).toMatchObject({ distanceM: null, atBuilding: null })
    const list = await call('GET', `/api/households/${household}/visits`, a.people.chief.cookie)
    expect(list.json().items.map((v: { outcome: string }) => v.outcome)).toEqual(['by_phone', 'met'])
  })

  it('stores a visit a phone sends again once, and refuses its id with another visit', async () => {
    const body = { id: uuidv7(), outcome: 'not_home', visitedAt: '2026-12-09T11:00:00+08:00' }
    const url = `/api/households/${roomless}/visits`
    const first = await call('POST', url, a.people.worker.cookie, body)
    expect(first.statusCode, first.body).toBe(201)
    const again = await call('POST', url, a.people.worker.cookie, body)
    expect([again.statusCode, again.headers['idempotent-replayed']]).toEqual([200, 'true'])
    expect(again.json()).toEqual(first.json())
    const changed = await call('POST', url, a.people.worker.cookie, { ...body, outcome: 'met' })
    expect([changed.statusCode, changed.json().code]).toEqual([422, 'idempotency.key_reused'])
    const elsewhere = await call('POST', `/api/households/${household}/visits`, a.people.worker.cookie, body)
    expect(elsewhere.statusCode).toBe(422)
    const [row] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from visits where id = ${body.id}::uuid`,
    )
    expect(row?.n).toBe(1)
  })

  it('refuses a visit outside the worker’s grids, in the future, or without a known outcome', async () => {
    const outside = await call('POST', `/api/households/${household}/visits`, b.people.worker.cookie, {
      outcome: 'met',
    })
    expect([outside.statusCode, outside.json().code]).toEqual([404, 'ledger.household_not_found'])
    const future = await call('POST', `/api/households/${household}/visits`, a.people.worker.cookie, {
      outcome: 'met',
      visitedAt: '2026-12-09T13:00:00+08:00',
    })
    expect([future.statusCode, future.json().code]).toEqual([400, 'ledger.visit_in_future'])
    const odd = await call('POST', `/api/households/${household}/visits`, a.people.worker.cookie, {
      outcome: 'chatted',
    })
    expect(odd.statusCode).toBe(400)
    const photo = await call('POST', `/api/households/${household}/visits`, a.people.worker.cookie, {
      outcome: 'met',
      photos: ['not-a-hash'],
    })
    expect(photo.statusCode).toBe(400)
  })
})
