import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import { box } from '../../../test/support/geo'

let t: TestApp
let admin: { cookie: string }
beforeAll(async () => {
  t = await testApp()
  admin = await t.as([{ key: 'admin' }])
})
afterAll(() => t?.close())

const post = (url: string, payload: object, cookie = admin.cookie) =>
  t.call({ method: 'POST', url, cookie, payload })
const get = (url: string, cookie = admin.cookie) => t.call({ method: 'GET', url, cookie })

async function create(body: Record<string, unknown>) {
  const res = await post('/api/grids', body)
  expect(res.statusCode, res.body).toBe(201)
}

let n = 0
/**
 * A community (0.2° square) holding one grid that fills it, with two micro-grids: the west and east
 * halves. Answers the codes and the x of the south-west corner.
 */
async function community() {
  n += 1
  const d = String(520100 + n)
  const x = 60 + n
  await create({ code: d, name: '区', level: 'district', boundary: box(x, 30, 0.4) })
  await create({ code: `${d}001`, name: '街道', level: 'street', parentCode: d, boundary: box(x, 30, 0.2) })
  const c = `${d}001001`
  await create({
    code: c,
    name: '社区',
    level: 'community',
    parentCode: `${d}001`,
    boundary: box(x, 30, 0.2),
  })
  const g = `${c}001`
  await create({
    code: g,
    name: '网格',
    level: 'grid',
    parentCode: c,
    boundary: box(x, 30, 0.2),
    households: 400,
  })
  await create({ code: `${g}001`, name: '西', level: 'micro', parentCode: g, boundary: box(x, 30, 0.1, 0.2) })
  await create({
    code: `${g}002`,
    name: '东',
    level: 'micro',
    parentCode: g,
    boundary: box(x + 0.1, 30, 0.1, 0.2),
  })
  return { c, g, x }
}

const halves = (c: string, x: number) => [
  { code: `${c}002`, name: '西网格', boundary: box(x, 30, 0.1, 0.2), households: 200, inheritsStaff: true },
  { code: `${c}003`, name: '东网格', boundary: box(x + 0.1, 30, 0.1, 0.2), households: 200 },
]

describe('splitting a grid', () => {
  it('retires it with its lineage, re-codes its children under the part holding them, and moves its staff to the heir', async () => {
    const { c, g, x } = await community()
    const worker = await t.make.user()
    expect(
      (await post(`/api/grids/${g}/posts`, { post: 'full_time_worker', userId: worker.id })).statusCode,
    ).toBe(201)
    expect((await post('/api/departments', { code: `D${n}`, name: '城管' })).statusCode).toBe(201)
    expect((await post(`/api/departments/D${n}/grids`, { gridCode: g })).statusCode).toBe(200)

    const res = await post(`/api/grids/${g}/split`, { parts: halves(c, x), reason: '户数增长' })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({
      retired: [g],
      created: [{ code: `${c}002` }, { code: `${c}003` }],
      recoded: [
        { from: `${g}001`, to: `${c}002001` },
        { from: `${g}002`, to: `${c}003002` },
      ],
    })

    const old = (await get(`/api/grids/${g}`)).json()
    expect(old.validTo).not.toBeNull()
    expect(old.lineage).toEqual([
      expect.objectContaining({ direction: 'to', code: `${c}002`, kind: 'split', reason: '户数增长' }),
      expect.objectContaining({ direction: 'to', code: `${c}003`, kind: 'split' }),
    ])
    const east = (await get(`/api/grids/${c}003002`)).json()
    expect(east).toMatchObject({ name: '东', parentCode: `${c}003`, validTo: null })
    expect(east.lineage).toEqual([
      expect.objectContaining({ direction: 'from', code: `${g}002`, kind: 'recode' }),
    ])

    const located = (await get(`/api/grids/locate?lng=${x + 0.15}&lat=30.1`)).json()
    expect(located.chain.map((l: { code: string }) => l.code).slice(-2)).toEqual([`${c}003`, `${c}003002`])

    const heirPosts = (await get(`/api/grids/${c}002/posts`)).json()
    expect(heirPosts).toEqual([expect.objectContaining({ post: 'full_time_worker', userId: worker.id })])
    const workerCookie = await t.login(worker.username, worker.password)
    expect((await get(`/api/grids/${c}002001`, workerCookie)).statusCode).toBe(200)
    expect((await get(`/api/grids/${c}003`, workerCookie)).statusCode).toBe(404)

    const served = (await get('/api/departments')).json()
    const ours = served.find((d: { code: string }) => d.code === `D${n}`)
    expect(ours.grids).toEqual([`${c}002`, `${c}003`])
  })

  it('ends the posts and their grants when no part inherits the staff', async () => {
    const { c, g, x } = await community()
    const worker = await t.make.user()
    await post(`/api/grids/${g}/posts`, { post: 'full_time_worker', userId: worker.id })
    const parts = halves(c, x).map((p) => ({ ...p, inheritsStaff: false }))
    expect((await post(`/api/grids/${g}/split`, { parts })).statusCode).toBe(201)
    const workerCookie = await t.login(worker.username, worker.password)
    expect((await get(`/api/grids/${c}002`, workerCookie)).statusCode).toBe(404)
    expect((await get(`/api/grids/${c}002/posts`)).json()).toEqual([])
  })

  it.each([
    [
      'parts leaving a gap',
      (c: string, x: number) => [
        halves(c, x)[0],
        { ...halves(c, x)[1], boundary: box(x + 0.1, 30, 0.05, 0.2) },
      ],
      422,
      'grid.split_mismatch',
    ],
    [
      'parts overlapping each other',
      (c: string, x: number) => [
        halves(c, x)[0],
        { ...halves(c, x)[1], boundary: box(x + 0.05, 30, 0.15, 0.2) },
      ],
      422,
      'grid.split_mismatch',
    ],
    [
      'a line through a micro-grid',
      (c: string, x: number) => [
        { ...halves(c, x)[0], boundary: box(x, 30, 0.2, 0.1) },
        { ...halves(c, x)[1], boundary: box(x, 30.1, 0.2, 0.1) },
      ],
      409,
      'grid.split_cuts_child',
    ],
    [
      'a part code under another parent',
      (c: string, x: number) => [halves(c, x)[0], { ...halves(c, x)[1], code: '999999999999003' }],
      400,
      'grid.code_not_under_parent',
    ],
  ])('refuses %s and writes nothing', async (_, parts, status, code) => {
    const { c, g, x } = await community()
    const res = await post(`/api/grids/${g}/split`, { parts: parts(c, x) })
    expect(res.statusCode, res.body).toBe(status)
    expect(res.json().code).toBe(code)
    expect((await get(`/api/grids/${g}`)).json().validTo).toBeNull()
    expect((await get(`/api/grids/${c}002`)).statusCode).toBe(404)
  })

  it('is refused to a community chief of another community', async () => {
    const a = await community()
    const b = await community()
    const chief = await t.as([{ key: 'community_chief', scope: { type: 'grid', path: pathOf(b.c) } }])
    const res = await post(`/api/grids/${a.g}/split`, { parts: halves(a.c, a.x) }, chief.cookie)
    expect(res.statusCode).toBe(404)
  })
})

/** The ltree path of a default-scheme code: the 6-digit root, then 3-digit segments. */
const pathOf = (code: string) => [code.slice(0, 6), ...(code.slice(6).match(/\d{3}/g) ?? [])].join('.')

describe('merging grids', () => {
  it('makes one grid of siblings, sums their households and numbers their children without clashes', async () => {
    const { c, g, x } = await community()
    expect((await post(`/api/grids/${g}/split`, { parts: halves(c, x) })).statusCode).toBe(201)
    const res = await post('/api/grids/merge', {
      codes: [`${c}002`, `${c}003`],
      into: { code: `${c}004`, name: '合并网格' },
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({
      retired: [`${c}002`, `${c}003`],
      created: [{ code: `${c}004`, households: 400 }],
      recoded: [
        { from: `${c}002001`, to: `${c}004001` },
        { from: `${c}003002`, to: `${c}004002` },
      ],
    })
    const merged = (await get(`/api/grids/${c}004`)).json()
    expect(merged.childCount).toBe(2)
    expect(merged.lineage.map((l: { code: string }) => l.code)).toEqual([`${c}002`, `${c}003`])
    const coverage = (await get(`/api/grids/${c}004/coverage`)).json()
    expect(coverage.uncoveredShare).toBeLessThan(1e-9)
  })

  it('moves colliding child codes to the next free number', async () => {
    const { c, g, x } = await community()
    const split = await post(`/api/grids/${g}/split`, { parts: halves(c, x) })
    expect(split.statusCode).toBe(201)
    // Re-code the east micro-grid to segment 001 as well: both halves now hold a 001.
    const east = await t.call({
      method: 'PATCH',
      url: `/api/grids/${c}003002`,
      cookie: admin.cookie,
      payload: { code: `${c}003001` },
    })
    expect(east.statusCode, east.body).toBe(200)
    const res = await post('/api/grids/merge', {
      codes: [`${c}002`, `${c}003`],
      into: { code: `${c}006`, name: '合' },
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().recoded).toEqual([
      { from: `${c}002001`, to: `${c}006001` },
      { from: `${c}003001`, to: `${c}006002` },
    ])
  })

  it('refuses grids of different parents or levels', async () => {
    const { c, g } = await community()
    const res = await post('/api/grids/merge', {
      codes: [g, `${g}001`],
      into: { code: `${c}009`, name: '合' },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('grid.merge_not_siblings')
  })
})

describe('correcting a code', () => {
  it('changes the code of a leaf nothing quotes', async () => {
    const { g } = await community()
    const res = await t.call({
      method: 'PATCH',
      url: `/api/grids/${g}002`,
      cookie: admin.cookie,
      payload: { code: `${g}003` },
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ code: `${g}003`, path: `${pathOf(g)}.003` })
    expect((await get(`/api/grids/${g}002`)).statusCode).toBe(404)
  })

  it('freezes the code of a grid with children, or whose staff were published', async () => {
    const { g } = await community()
    const patch = (code: string, payload: object) =>
      t.call({ method: 'PATCH', url: `/api/grids/${code}`, cookie: admin.cookie, payload })
    const parent = await patch(g, { code: `${g.slice(0, -1)}7` })
    expect(parent.statusCode).toBe(409)
    expect(parent.json().code).toBe('grid.code_frozen')
    await post(`/api/grids/${g}001/posts`, { post: 'micro_leader', personName: '王五' })
    const staffed = await patch(`${g}001`, { code: `${g}009` })
    expect(staffed.statusCode).toBe(409)
    expect(staffed.json().code).toBe('grid.code_frozen')
  })
})

describe('repairing a boundary', () => {
  const bowTie = (x: number) => ({
    type: 'Polygon',
    coordinates: [
      [
        [x + 0.01, 30.01],
        [x + 0.05, 30.05],
        [x + 0.05, 30.01],
        [x + 0.01, 30.05],
        [x + 0.01, 30.01],
      ],
    ],
  })

  it('refuses an invalid boundary unless asked to repair it, and then stores a valid one', async () => {
    const { c, x } = await community()
    const district = c.slice(0, 6)
    const body = {
      code: `${district}002`,
      name: '蝴蝶街道',
      level: 'street',
      parentCode: district,
      boundary: bowTie(x + 0.3),
    }
    const refused = await post('/api/grids', body)
    expect(refused.statusCode).toBe(400)
    expect(refused.json().code).toBe('grid.boundary_invalid')
    expect(refused.json().detail ?? refused.json().title).toMatch(/repair=true/)
    const repaired = await post('/api/grids?repair=true', body)
    expect(repaired.statusCode, repaired.body).toBe(201)
    expect(repaired.json().warnings).toEqual([expect.objectContaining({ code: 'grid.boundary_repaired' })])
    expect(repaired.json().boundary.coordinates).toHaveLength(2)
  })
})
