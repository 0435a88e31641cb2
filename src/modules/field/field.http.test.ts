import { gunzipSync } from 'node:zlib'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../test/support/app'
import { queryRows } from '../../db/database'
import { idCheckCharacter } from '../ledgers/validate/id-number'
import { createFieldChangesPrune } from './field.prune'

let t: TestApp
let a: StaffedPlace
/** A sibling grid of A's in the same community: outside A's grid worker's scope. */
let gridB: { code: string; path: string }
const microA = () => `${a.d}001001001001`
const grid = (path: string) => ({ type: 'grid' as const, path })

const IN_A = { building: 120, household: 150, person: 300 }

/** Rows written straight to the tables, as an import would (the triggers log them like any write). */
async function fill(path: string, n: { building: number; household: number; person: number }, tag: string) {
  const db = t.database.db
  await db.execute(sql`insert into buildings (id, grid_id, grid_path, code, name, address, point)
    select gen_random_uuid(), g.id, g.path, ${tag} || i, ${tag} || '栋' || i, '东大街' || i || '号',
      ST_SetSRID(ST_MakePoint(104.01, 30.01), 4326)
    from grids g, generate_series(1, ${n.building}) i where g.path = ${path}::ltree and g.valid_to is null`)
  await db.execute(sql`insert into households (id, grid_id, grid_path, number)
    select gen_random_uuid(), g.id, g.path, ${tag} || i
    from grids g, generate_series(1, ${n.household}) i where g.path = ${path}::ltree and g.valid_to is null`)
  await db.execute(sql`insert into people (id, grid_id, grid_path, kind, id_type, name)
    select gen_random_uuid(), g.id, g.path, 'registered', 'resident', '居民' || ${tag} || i
    from grids g, generate_series(1, ${n.person}) i where g.path = ${path}::ltree and g.valid_to is null`)
}

type Change = {
  kind: string
  id: string
  deleted?: boolean
  gridPath?: string
  version?: number
  view?: Record<string, unknown>
}
type Page = {
  scopes: string[]
  changes: Change[]
  cursor: string
  more: boolean
  reset?: { drop: string[]; add: string[] }
}

async function page(cookie: string, cursor?: string, limit = 97): Promise<Page> {
  const q = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) })
  const res = await t.call({ method: 'GET', url: `/api/field/sync?${q}`, cookie })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

/** Pages until `more` is false; answers every page. */
async function drain(cookie: string, cursor?: string, limit = 97) {
  const pages: Page[] = []
  let at = cursor
  for (let i = 0; i < 100; i++) {
    const p = await page(cookie, at, limit)
    pages.push(p)
    at = p.cursor
    if (!p.more) break
  }
  const last = pages.at(-1) as Page
  return { pages, changes: pages.flatMap((p) => p.changes), cursor: last.cursor, raw: JSON.stringify(pages) }
}

const key = (c: Change) => `${c.kind}:${c.id}`

let clearId: string
let clearPhone: string

beforeAll(async () => {
  t = await testApp()
  a = await t.place('510104', 104)
  gridB = await t.make.grid({
    code: '510104001001002',
    level: 'grid',
    parent: '510104001001',
    at: { x: 104.1, y: 30.1, size: 0.05 },
  })
  await fill(a.micro, IN_A, 'A')
  await fill(gridB.path, { building: 20, household: 20, person: 20 }, 'B')
  const first17 = '11010519800101123'
  clearId = first17 + idCheckCharacter(first17)
  clearPhone = '13912345678'
  const created = await t.call({
    method: 'POST',
    url: '/api/people',
    cookie: a.people.chief.cookie,
    payload: {
      kind: '户籍人口',
      name: '张三丰',
      idNumber: clearId,
      gridCode: microA(),
      phone: clearPhone,
      currentAddress: '东大街100号3栋1203室',
    },
  })
  expect(created.statusCode, created.body).toBe(201)
}, 120_000)
afterAll(() => t?.close())

describe('the first sync', () => {
  it('pages every building, household and person of the worker’s grid exactly once, nothing outside', async () => {
    const worker = await t.as([{ key: 'grid_worker', scope: grid(a.paths.grid) }])
    const { pages, changes, cursor } = await drain(worker.cookie)
    expect(pages.length).toBeGreaterThan(5)
    expect(pages.every((p) => p.changes.length <= 97)).toBe(true)
    expect(pages.at(-1)?.more).toBe(false)
    expect(pages[0]?.scopes).toEqual([a.paths.grid])
    const keys = changes.map(key)
    expect(new Set(keys).size).toBe(keys.length)
    const count = (kind: string) => changes.filter((c) => c.kind === kind).length
    expect(count('building')).toBe(IN_A.building)
    expect(count('household')).toBe(IN_A.household)
    expect(count('person')).toBe(IN_A.person + 1)
    expect(changes.every((c) => c.gridPath?.startsWith(a.paths.grid))).toBe(true)
    expect(changes.some((c) => c.deleted)).toBe(false)

    const again = await page(worker.cookie, cursor)
    expect(again).toMatchObject({ changes: [], more: false })
  })

  it('ships the ledgers’ masked list views: never an ID number or a phone in clear', async () => {
    const worker = await t.as([{ key: 'grid_worker', scope: grid(a.paths.grid) }])
    const { changes, raw } = await drain(worker.cookie, undefined, 1000)
    const person = changes.find((c) => c.kind === 'person' && c.view?.name === '张**')
    expect(person?.view).toMatchObject({
      idNumber: expect.stringMatching(/^110105\*+\d{3}[\dX]$/),
      phone: expect.stringMatching(/\*/),
      grid: { code: microA() },
    })
    expect(raw).not.toContain(clearId)
    expect(raw).not.toContain(clearPhone)
    expect(raw).not.toContain('张三丰')
    const building = changes.find((c) => c.kind === 'building')
    expect(building?.view).toMatchObject({ id: building?.id, address: expect.any(String), version: 1 })
  })
})

describe('later syncs', () => {
  it('send each changed record once with its current view, and tombstones for what left or was deleted', async () => {
    const worker = await t.as([{ key: 'grid_worker', scope: grid(a.paths.grid) }])
    const start = await drain(worker.cookie, undefined, 1000)
    const db = t.database.db
    const [p1, p2] = start.changes.filter((c) => c.kind === 'person')
    const [h1, h2] = start.changes.filter((c) => c.kind === 'household')
    const [b1] = start.changes.filter((c) => c.kind === 'building')
    const [hb] = await queryRows<{ id: string }>(
      db,
      sql`select id from households where grid_path = ${gridB.path}::ltree limit 1`,
    )
    // p1 changes twice, p2 once; h1 moves out of the grid, h2 changes, b1 is deleted, hb moves in.
    for (const name of ['改名一', '改名二'])
      await db.execute(sql`update people set name = ${name}, version = version + 1 where id = ${p1?.id}`)
    await db.execute(sql`update people set occupation = '教师', version = version + 1 where id = ${p2?.id}`)
    await db.execute(sql`update households h set grid_id = g.id, grid_path = g.path, version = h.version + 1
      from grids g where g.path = ${gridB.path}::ltree and h.id = ${h1?.id}`)
    await db.execute(sql`update households set number = 'X1', version = version + 1 where id = ${h2?.id}`)
    await db.execute(sql`delete from buildings where id = ${b1?.id}`)
    await db.execute(sql`update households h set grid_id = g.id, grid_path = g.path, version = h.version + 1
      from grids g where g.path = ${a.micro}::ltree and h.id = ${hb?.id}`)
    // Neither a write outside the grid nor a rewrite that keeps the version is sent.
    await db.execute(sql`update people set version = version + 1 where grid_path = ${gridB.path}::ltree`)
    await db.execute(sql`update people set tags = tags where id = ${p2?.id}`)

    const next = await drain(worker.cookie, start.cursor, 2)
    const byKey = new Map(next.changes.map((c) => [key(c), c]))
    expect(next.changes.length).toBe(byKey.size)
    expect([...byKey.keys()].sort()).toEqual(
      [
        `person:${p1?.id}`,
        `person:${p2?.id}`,
        `household:${h1?.id}`,
        `household:${h2?.id}`,
        `building:${b1?.id}`,
        `household:${hb?.id}`,
      ].sort(),
    )
    expect(byKey.get(`person:${p1?.id}`)).toMatchObject({ version: 3, view: { name: '改**' } })
    expect(byKey.get(`household:${h1?.id}`)).toEqual({ kind: 'household', id: h1?.id, deleted: true })
    expect(byKey.get(`building:${b1?.id}`)).toEqual({ kind: 'building', id: b1?.id, deleted: true })
    expect(byKey.get(`household:${h2?.id}`)).toMatchObject({ view: { number: 'X1' } })
    expect(byKey.get(`household:${hb?.id}`)).toMatchObject({
      gridPath: expect.stringContaining(a.paths.grid),
    })
    expect((await page(worker.cookie, next.cursor)).changes).toEqual([])
  })

  it('refreshes a household when one of its members changes (its view shows them masked)', async () => {
    const worker = await t.as([{ key: 'grid_worker', scope: grid(a.paths.grid) }])
    const db = t.database.db
    // Rows of its own: the test before changes or deletes whichever A rows sort first by (random) id.
    await fill(a.micro, { building: 1, household: 1, person: 1 }, 'M')
    const [pair] = await queryRows<{ h: string; p: string }>(
      db,
      sql`select h.id as h, p.id as p from households h, people p
        where h.grid_path = ${a.micro}::ltree and p.grid_path = ${a.micro}::ltree and h.number = 'M1' and p.name = '居民M1'`,
    )
    await db.execute(
      sql`insert into household_members (household_id, person_id, relation) values (${pair?.h}, ${pair?.p}, '01')`,
    )
    const start = await drain(worker.cookie, undefined, 1000)
    await db.execute(sql`update people set name = '李四', version = version + 1 where id = ${pair?.p}`)
    const next = await drain(worker.cookie, start.cursor)
    expect(next.changes.map(key).sort()).toEqual([`household:${pair?.h}`, `person:${pair?.p}`].sort())
    const household = next.changes.find((c) => c.kind === 'household')
    expect(household?.view?.members).toEqual([expect.objectContaining({ personId: pair?.p, name: '李*' })])
  })

  it('refreshes the households in a building when the building changes (their place shows its road)', async () => {
    const worker = await t.as([{ key: 'grid_worker', scope: grid(a.paths.grid) }])
    const db = t.database.db
    await fill(a.micro, { building: 1, household: 1, person: 1 }, 'R')
    const [pair] = await queryRows<{ h: string; b: string }>(
      db,
      sql`select h.id as h, b.id as b from households h, buildings b
        where h.grid_path = ${a.micro}::ltree and b.grid_path = ${a.micro}::ltree and h.number = 'R1' and b.code = 'R1'`,
    )
    const room = '01900000-0000-7000-8000-0000000000a8'
    await db.execute(sql`insert into rooms (id, building_id, number) values (${room}, ${pair?.b}, '801')`)
    await db.execute(
      sql`update households set room_id = ${room}, version = version + 1 where id = ${pair?.h}`,
    )
    const start = await drain(worker.cookie, undefined, 1000)
    await db.execute(
      sql`update buildings set address = '西大街8号', version = version + 1 where id = ${pair?.b}`,
    )
    const next = await drain(worker.cookie, start.cursor)
    expect(next.changes.map(key).sort()).toEqual([`building:${pair?.b}`, `household:${pair?.h}`].sort())
    const household = next.changes.find((c) => c.kind === 'household')
    expect(JSON.stringify(household?.view?.room)).toContain('西大街')
  })

  it('answers a reset when the worker’s grant moves: drop the old grid, pull the new one', async () => {
    const worker = await t.as([{ key: 'grid_worker', scope: grid(a.paths.grid) }])
    const start = await drain(worker.cookie, undefined, 1000)
    await t.database.db.execute(
      sql`update role_grants set scope_grid_path = ${gridB.path}::ltree where user_id = ${worker.id}`,
    )
    const moved = await drain(worker.cookie, start.cursor, 25)
    expect(moved.pages[0]?.reset).toEqual({ drop: [a.paths.grid], add: [gridB.path] })
    expect(moved.pages.slice(1).every((p) => p.reset === undefined)).toBe(true)
    expect(moved.pages[0]?.scopes).toEqual([gridB.path])
    const keys = moved.changes.map(key)
    expect(new Set(keys).size).toBe(keys.length)
    const [inB] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select (select count(*) from buildings where grid_path <@ ${gridB.path}::ltree)
        + (select count(*) from households where grid_path <@ ${gridB.path}::ltree)
        + (select count(*) from people where grid_path <@ ${gridB.path}::ltree) as n`,
    )
    expect(moved.changes.length).toBe(Number(inB?.n))
    expect(moved.changes.every((c) => c.gridPath?.startsWith(gridB.path))).toBe(true)
    expect((await page(worker.cookie, moved.cursor)).changes).toEqual([])
  })

  it('keeps what is still in scope when the grant narrows to a subtree', async () => {
    const chief = await t.as([{ key: 'community_chief', scope: grid(a.paths.community) }])
    const start = await page(chief.cookie, undefined, 1000)
    expect(start.scopes).toEqual([a.paths.community])
    const first = await drain(chief.cookie, undefined, 1000)
    await t.database.db.execute(
      sql`update role_grants set scope_grid_path = ${a.paths.grid}::ltree where user_id = ${chief.id}`,
    )
    const narrowed = await page(chief.cookie, first.cursor, 10)
    expect(narrowed.reset).toEqual({ drop: [a.paths.community], add: [a.paths.grid] })
  })
})

describe('the wire', () => {
  it('gzips a page for a client that takes it', async () => {
    const worker = await t.as([{ key: 'grid_worker', scope: grid(a.paths.grid) }])
    const res = await t.call({
      method: 'GET',
      url: '/api/field/sync?limit=200',
      cookie: worker.cookie,
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('gzip')
    const page = JSON.parse(gunzipSync(res.rawPayload).toString('utf8'))
    expect(page.changes).toHaveLength(200)
    expect(res.rawPayload.length).toBeLessThan(JSON.stringify(page).length / 4)
  })
})

describe('refusals', () => {
  it('refuses a cursor it did not give with 400 field.bad_cursor', async () => {
    const worker = await t.as([{ key: 'grid_worker', scope: grid(a.paths.grid) }])
    for (const cursor of ['nonsense', Buffer.from('{"v":1}').toString('base64url')]) {
      const res = await t.call({
        method: 'GET',
        url: `/api/field/sync?cursor=${cursor}`,
        cookie: worker.cookie,
      })
      expect(res.statusCode).toBe(400)
      expect(res.json().code).toBe('field.bad_cursor')
    }
  })

  it('pulls nothing outside the caller’s grids, whatever subtrees a forged cursor names', async () => {
    const worker = await t.as([{ key: 'grid_worker', scope: grid(a.paths.grid) }])
    const first = await page(worker.cookie, undefined, 5)
    const real = JSON.parse(Buffer.from(first.cursor, 'base64url').toString('utf8'))
    // The cursor is the phone's to keep: a caller may rewrite the pull to cover the whole deployment.
    const forged = Buffer.from(JSON.stringify({ ...real, p: { paths: [''], k: 0, i: null } })).toString(
      'base64url',
    )
    const { changes } = await drain(worker.cookie, forged, 500)
    expect(changes.filter((c) => c.gridPath && !c.gridPath.startsWith(a.paths.grid))).toEqual([])
  })

  it('caps a page at 1000', async () => {
    const worker = await t.as([{ key: 'grid_worker', scope: grid(a.paths.grid) }])
    const res = await t.call({ method: 'GET', url: '/api/field/sync?limit=1001', cookie: worker.cookie })
    expect(res.statusCode).toBe(400)
  })

  it('refuses a caller who reads no ledger (403) and one not signed in (401)', async () => {
    const res = await t.call({ method: 'GET', url: '/api/field/sync', cookie: a.people.officer.cookie })
    expect(res.statusCode).toBe(403)
    expect((await t.call({ method: 'GET', url: '/api/field/sync' })).statusCode).toBe(401)
  })
})

describe.runIf(process.env.WANGGE_TEST_DRIVER === 'postgres')('a transaction that commits late', () => {
  it('is not skipped though a later change was synced before it committed', async () => {
    const worker = await t.as([{ key: 'grid_worker', scope: grid(a.paths.grid) }])
    const start = await drain(worker.cookie, undefined, 1000)
    const db = t.database.db
    const [late, early] = await queryRows<{ id: string }>(
      db,
      sql`select id from people where grid_path = ${a.micro}::ltree order by id limit 2`,
    )
    let release: () => void = () => {}
    const held = new Promise<void>((r) => {
      release = r
    })
    let written: () => void = () => {}
    const wrote = new Promise<void>((r) => {
      written = r
    })
    // The late transaction logs its change first, then waits; a later one commits and is synced.
    const lateTx = db.transaction(async (tx) => {
      await tx.execute(sql`update people set version = version + 1 where id = ${late?.id}`)
      written()
      await held
    })
    await wrote
    await db.execute(sql`update people set version = version + 1 where id = ${early?.id}`)
    const mid = await drain(worker.cookie, start.cursor)
    expect(mid.changes.map((c) => c.id)).toEqual([early?.id])
    release()
    await lateTx
    const after = await drain(worker.cookie, mid.cursor)
    expect(after.changes.map((c) => c.id)).toEqual([late?.id])
  })
})

describe('the change log’s upkeep', () => {
  it('prunes old changes; a phone last synced before them downloads its grids again, a later one only the changes', async () => {
    const worker = await t.as([{ key: 'grid_worker', scope: grid(a.paths.grid) }])
    const before = await drain(worker.cookie, undefined, 1000)
    const held = before.changes.length
    const db = t.database.db
    const [changed] = await queryRows<{ id: string }>(
      db,
      sql`select id from people where grid_path = ${a.micro}::ltree order by id limit 1`,
    )
    await db.execute(sql`update people set version = version + 1 where id = ${changed?.id}`)

    // A month and a day on, the upkeep deletes every change logged so far.
    const later = new Date(Date.now() + 31 * 86_400_000)
    const pruned = await createFieldChangesPrune(db, () => later, 30, t.app.log).run()
    expect(pruned).toBeGreaterThan(0)
    const [left] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from field_changes`)
    expect(left?.n).toBe(0)

    // The phone that synced before the prune: told to drop its grid and given every record again.
    const again = await drain(worker.cookie, before.cursor, 1000)
    expect(again.pages[0]?.reset).toEqual({ drop: [a.paths.grid], add: [a.paths.grid] })
    expect(again.changes.length).toBe(held)
    expect(new Set(again.changes.map(key)).size).toBe(held)

    // From its new cursor on, only what changes.
    await db.execute(sql`update people set version = version + 1 where id = ${changed?.id}`)
    const next = await drain(worker.cookie, again.cursor)
    expect(next.pages[0]?.reset).toBeUndefined()
    expect(next.changes.map((c) => c.id)).toEqual([changed?.id])
  })

  it('answers a cursor from another database’s log (a restored backup) with a full reset', async () => {
    const worker = await t.as([{ key: 'grid_worker', scope: grid(a.paths.grid) }])
    const before = await drain(worker.cookie, undefined, 1000)
    // A restore starts the log afresh: a new epoch, whatever the transaction ids say.
    await t.database.db.execute(sql`delete from field_sync_horizon`)
    const again = await drain(worker.cookie, before.cursor, 1000)
    expect(again.pages[0]?.reset).toEqual({ drop: [a.paths.grid], add: [a.paths.grid] })
    expect(again.changes.length).toBe(before.changes.length)
    expect((await page(worker.cookie, again.cursor)).reset).toBeUndefined()
  })
})
