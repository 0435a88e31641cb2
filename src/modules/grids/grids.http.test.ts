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

let nextDistrict = 0
/** A district of its own, far from the others (districts are siblings at the root). */
async function district() {
  nextDistrict += 1
  const code = String(510100 + nextDistrict)
  const x = 100 + nextDistrict
  const res = await create({
    code,
    name: `测试区${nextDistrict}`,
    level: 'district',
    boundary: box(x, 30, 0.4),
  })
  expect(res.statusCode, res.body).toBe(201)
  return { code, x }
}

/** Creates a grid under `parent` with the next code segment, and fails the test if it is refused. */
async function child(
  parent: string,
  segment: string,
  level: string,
  name: string,
  boundary: object,
  extra = {},
) {
  const res = await create({ code: parent + segment, name, level, parentCode: parent, boundary, ...extra })
  expect(res.statusCode, res.body).toBe(201)
  return res
}

const create = (body: Record<string, unknown>, cookie = admin.cookie) =>
  t.call({ method: 'POST', url: '/api/grids', cookie, payload: body })

describe('the level scheme', () => {
  it('lists the deployment’s levels root first', async () => {
    const res = await t.call({ method: 'GET', url: '/api/grids/levels', cookie: admin.cookie })
    expect(res.json().map((l: { key: string }) => l.key)).toEqual([
      'district',
      'street',
      'community',
      'grid',
      'micro',
    ])
  })
})

describe('creating grids', () => {
  it('builds a chain whose codes, paths and ancestors follow the hierarchy', async () => {
    const d = await district()
    const street = await create({
      code: `${d.code}001`,
      name: '东街道',
      level: 'street',
      parentCode: d.code,
      boundary: box(d.x, 30, 0.2),
    })
    expect(street.statusCode, street.body).toBe(201)
    expect(street.json()).toMatchObject({
      path: `${d.code}.001`,
      parentCode: d.code,
      ancestors: [{ code: d.code }],
    })
    const got = await t.call({ method: 'GET', url: `/api/grids/${d.code}`, cookie: admin.cookie })
    expect(got.json()).toMatchObject({ childCount: 1, boundary: { type: 'MultiPolygon' } })
  })

  it.each([
    ['a code of the wrong width', { code: '5101999' }, 400, 'grid.code_wrong_width'],
    ['a code not under the parent', { code: '999999001' }, 400, 'grid.code_not_under_parent'],
    ['a level that cannot hang there', { level: 'community', code: 'PARENT001' }, 400, 'grid.parent_level'],
    ['an unknown parent', { parentCode: '123456' }, 400, 'grid.parent_not_found'],
    ['a sector without exclusive', { sector: 'school' }, 400, 'grid.sector_mismatch'],
  ])('refuses %s', async (_name, change, status, code) => {
    const d = await district()
    const body = {
      code: `${d.code}001`,
      name: '街道',
      level: 'street',
      parentCode: d.code,
      boundary: box(d.x, 30, 0.2),
      ...change,
    }
    if (typeof body.code === 'string') body.code = body.code.replace('PARENT', d.code)
    if (body.code === '5101999') body.code = `${d.code}0001`
    const res = await create(body)
    expect(res.statusCode, res.body).toBe(status)
    expect(res.json().code).toBe(code)
  })

  it('refuses an invalid boundary, one outside its parent, and one over a sibling, naming the grid', async () => {
    const d = await district()
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [d.x, 30],
          [d.x + 0.1, 30.1],
          [d.x + 0.1, 30],
          [d.x, 30.1],
          [d.x, 30],
        ],
      ],
    }
    const invalid = await create({
      code: `${d.code}001`,
      name: '街道',
      level: 'street',
      parentCode: d.code,
      boundary: bowTie,
    })
    expect(invalid.json().code).toBe('grid.boundary_invalid')
    const outside = await create({
      code: `${d.code}001`,
      name: '街道',
      level: 'street',
      parentCode: d.code,
      boundary: box(d.x + 0.3, 30, 0.2),
    })
    expect(outside.json()).toMatchObject({
      code: 'grid.boundary_outside_parent',
      outsideShare: expect.any(Number),
    })
    expect(outside.json().detail ?? outside.json().title).toContain(`${d.code}001`)
    const first = await create({
      code: `${d.code}001`,
      name: '一街道',
      level: 'street',
      parentCode: d.code,
      boundary: box(d.x, 30, 0.2),
    })
    expect(first.statusCode).toBe(201)
    const over = await create({
      code: `${d.code}002`,
      name: '二街道',
      level: 'street',
      parentCode: d.code,
      boundary: box(d.x + 0.1, 30, 0.2),
    })
    expect(over.statusCode).toBe(409)
    expect(over.json()).toMatchObject({
      code: 'grid.boundary_overlaps_sibling',
      overlaps: [{ code: `${d.code}001` }],
    })
    const beside = await create({
      code: `${d.code}002`,
      name: '二街道',
      level: 'street',
      parentCode: d.code,
      boundary: box(d.x + 0.2, 30, 0.2),
    })
    expect(beside.statusCode, beside.body).toBe(201)
  })

  it('accepts a 14-digit legacy grid code as its 15-digit form, and warns about households out of range', async () => {
    const d = await district()
    await child(d.code, '001', 'street', '街道', box(d.x, 30, 0.2))
    await child(`${d.code}001`, '001', 'community', '社区', box(d.x, 30, 0.1))
    const legacy = await create({
      code: `${d.code}00100107`,
      name: '第七网格',
      level: 'grid',
      parentCode: `${d.code}001001`,
      boundary: box(d.x, 30, 0.05),
      households: 900,
    })
    expect(legacy.statusCode, legacy.body).toBe(201)
    expect(legacy.json().code).toBe(`${d.code}001001007`)
    expect(legacy.json().warnings).toEqual([
      expect.objectContaining({ code: 'grid.households_out_of_range' }),
    ])
  })

  it('lets a community chief create grids in their community only', async () => {
    const d = await district()
    await child(d.code, '001', 'street', '街道', box(d.x, 30, 0.2))
    await child(`${d.code}001`, '001', 'community', '甲社区', box(d.x, 30, 0.1))
    await child(`${d.code}001`, '002', 'community', '乙社区', box(d.x + 0.1, 30, 0.1))
    const chief = await t.as([{ key: 'community_chief', scope: { type: 'grid', path: `${d.code}.001.001` } }])
    const own = await create(
      {
        code: `${d.code}001001001`,
        name: '网格',
        level: 'grid',
        parentCode: `${d.code}001001`,
        boundary: box(d.x, 30, 0.05),
      },
      chief.cookie,
    )
    expect(own.statusCode, own.body).toBe(201)
    const other = await create(
      {
        code: `${d.code}001002001`,
        name: '网格',
        level: 'grid',
        parentCode: `${d.code}001002`,
        boundary: box(d.x + 0.1, 30, 0.05),
      },
      chief.cookie,
    )
    // The sibling community answers as a missing parent would: the answer does not tell it exists.
    expect(other.statusCode).toBe(400)
    expect(other.json().code).toBe('grid.parent_not_found')
    const listed = await t.call({ method: 'GET', url: '/api/grids?limit=500', cookie: chief.cookie })
    expect(listed.json().items.map((g: { code: string }) => g.code)).toEqual([
      `${d.code}001001`,
      `${d.code}001001001`,
    ])
  })
})

describe('changing and retiring grids', () => {
  const patch = (code: string, body: Record<string, unknown>, cookie = admin.cookie) =>
    t.call({ method: 'PATCH', url: `/api/grids/${code}`, cookie, payload: body })

  it('re-draws a boundary only if it stays in its parent, off its siblings and around its children', async () => {
    const d = await district()
    await child(d.code, '001', 'street', '西街道', box(d.x, 30, 0.2))
    await child(d.code, '002', 'street', '东街道', box(d.x + 0.2, 30, 0.2))
    await child(`${d.code}001`, '001', 'community', '社区', box(d.x + 0.1, 30.1, 0.1))
    const renamed = await patch(`${d.code}001`, { name: '西城街道', households: 4000 })
    expect(renamed.statusCode, renamed.body).toBe(200)
    expect(renamed.json()).toMatchObject({ name: '西城街道', households: 4000 })
    expect((await patch(`${d.code}001`, { boundary: box(d.x, 30, 0.3) })).json().code).toBe(
      'grid.boundary_overlaps_sibling',
    )
    const shrunk = await patch(`${d.code}001`, { boundary: box(d.x, 30, 0.1) })
    expect(shrunk.statusCode).toBe(409)
    expect(shrunk.json()).toMatchObject({ code: 'grid.children_outside', children: [`${d.code}001001`] })
    expect((await patch(`${d.code}001`, {})).json().code).toBe('request.invalid')
  })

  it('retires a grid without current children, keeps its history, and refuses one with children', async () => {
    const d = await district()
    await child(d.code, '001', 'street', '街道', box(d.x, 30, 0.2))
    const withChildren = await t.call({ method: 'DELETE', url: `/api/grids/${d.code}`, cookie: admin.cookie })
    expect(withChildren.json().code).toBe('grid.has_children')
    expect(
      (await t.call({ method: 'DELETE', url: `/api/grids/${d.code}001`, cookie: admin.cookie })).statusCode,
    ).toBe(204)
    const history = await t.call({ method: 'GET', url: `/api/grids/${d.code}001`, cookie: admin.cookie })
    expect(history.json().validTo).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const listed = await t.call({ method: 'GET', url: `/api/grids?parent=${d.code}`, cookie: admin.cookie })
    expect(listed.json().items).toEqual([])
    const reused = await create({
      code: `${d.code}001`,
      name: '新街道',
      level: 'street',
      parentCode: d.code,
      boundary: box(d.x, 30, 0.2),
    })
    expect(reused.json().code).toBe('grid.code_taken')
    expect(
      (await t.call({ method: 'DELETE', url: `/api/grids/${d.code}001`, cookie: admin.cookie })).json().code,
    ).toBe('grid.not_found')
  })
})

describe('coverage of a grid by its children', () => {
  it('reports the uncovered share and children sized outside their range', async () => {
    const d = await district()
    await child(d.code, '001', 'street', '街道', box(d.x, 30, 0.2))
    await child(`${d.code}001`, '001', 'community', '社区', box(d.x, 30, 0.2))
    await child(`${d.code}001001`, '001', 'grid', '一网格', box(d.x, 30, 0.1, 0.2), { households: 120 })
    const half = await t.call({
      method: 'GET',
      url: `/api/grids/${d.code}001001/coverage`,
      cookie: admin.cookie,
    })
    expect(half.statusCode, half.body).toBe(200)
    expect(half.json().uncoveredShare).toBeCloseTo(0.5, 6)
    expect(half.json().uncovered).toMatchObject({ type: expect.stringMatching(/Polygon/) })
    expect(half.json().childrenOutOfRange).toEqual([
      expect.objectContaining({ grid: `${d.code}001001001`, code: 'grid.households_out_of_range' }),
    ])
    await child(`${d.code}001001`, '002', 'grid', '二网格', box(d.x + 0.1, 30, 0.1, 0.2), { households: 400 })
    const full = await t.call({
      method: 'GET',
      url: `/api/grids/${d.code}001001/coverage`,
      cookie: admin.cookie,
    })
    expect(full.json().uncoveredShare).toBeCloseTo(0, 9)
    expect(full.json().uncovered).toBeNull()
  })
})

describe('locating a point', () => {
  it('answers the chain root first, and a problem for a point outside every grid', async () => {
    const d = await district()
    await child(d.code, '001', 'street', '西街道', box(d.x, 30, 0.2))
    await child(d.code, '002', 'street', '东街道', box(d.x + 0.2, 30, 0.2))
    const inside = await t.call({
      method: 'GET',
      url: `/api/grids/locate?lng=${d.x + 0.3}&lat=30.1`,
      cookie: admin.cookie,
    })
    expect(inside.json().chain.map((g: { code: string }) => g.code)).toEqual([d.code, `${d.code}002`])
    // On the shared edge both streets cover the point: the lower code answers.
    const edge = await t.call({
      method: 'GET',
      url: `/api/grids/locate?lng=${d.x + 0.2}&lat=30.1`,
      cookie: admin.cookie,
    })
    expect(edge.json().chain.map((g: { code: string }) => g.code)).toEqual([d.code, `${d.code}001`])
    const nowhere = await t.call({
      method: 'GET',
      url: '/api/grids/locate?lng=0&lat=0',
      cookie: admin.cookie,
    })
    expect(nowhere.statusCode).toBe(404)
    expect(nowhere.json().code).toBe('grid.point_outside')
    const bad = await t.call({ method: 'GET', url: '/api/grids/locate?lng=200&lat=0', cookie: admin.cookie })
    expect(bad.json().code).toBe('request.invalid')
  })
})

describe('what a reader outside a grid learns of it', () => {
  async function streets() {
    const d = await district()
    await child(d.code, '001', 'street', '西街道', box(d.x, 30, 0.2), { households: 900 })
    await child(d.code, '002', 'street', '东街道', box(d.x + 0.2, 30, 0.2), { households: 800 })
    const chief = await t.as([{ key: 'street_chief', scope: { type: 'grid', path: `${d.code}.002` } }])
    return { d, chief }
  }
  const locate = (lng: number, cookie: string) =>
    t.call({ method: 'GET', url: `/api/grids/locate?lng=${lng}&lat=30.1`, cookie })

  it('locates within the scope, naming the grids above it without their counts', async () => {
    const { d, chief } = await streets()
    const own = await locate(d.x + 0.3, chief.cookie)
    expect(own.statusCode, own.body).toBe(200)
    expect(own.json().chain).toEqual([
      { code: d.code, name: `测试区${Number(d.code) - 510100}`, level: 'district' },
      expect.objectContaining({ code: `${d.code}002`, households: 800 }),
    ])
    // A point in the other street: nothing of that chain is the chief's, as if no grid covered it.
    const other = await locate(d.x + 0.1, chief.cookie)
    expect(other.statusCode).toBe(404)
    expect(other.json().code).toBe('grid.point_outside')
    const full = await locate(d.x + 0.1, admin.cookie)
    expect(full.json().chain[1]).toMatchObject({ code: `${d.code}001`, households: 900 })
  })

  it.each([
    ['the grid', ''],
    ['its export', '/export.geojson'],
    ['its coverage', '/coverage'],
    ['its posts', '/posts'],
  ])('answers for %s outside the scope exactly as for a missing grid', async (_what, suffix) => {
    const { d, chief } = await streets()
    const outside = await t.call({
      method: 'GET',
      url: `/api/grids/${d.code}001${suffix}`,
      cookie: chief.cookie,
    })
    const missing = await t.call({
      method: 'GET',
      url: `/api/grids/${d.code}009${suffix}`,
      cookie: chief.cookie,
    })
    expect(outside.statusCode).toBe(404)
    expect(outside.json().code).toBe('grid.not_found')
    const shape = (body: Record<string, unknown>) => ({
      ...body,
      detail: undefined,
      title: undefined,
      instance: undefined,
      requestId: undefined,
    })
    expect(shape(outside.json())).toEqual(shape(missing.json()))
    const own = await t.call({ method: 'GET', url: `/api/grids/${d.code}002${suffix}`, cookie: chief.cookie })
    expect(own.statusCode, own.body).toBe(200)
  })

  it('answers a change outside the scope as for a missing grid', async () => {
    const { d, chief } = await streets()
    const patch = await t.call({
      method: 'PATCH',
      url: `/api/grids/${d.code}001`,
      cookie: chief.cookie,
      payload: { name: '改名' },
    })
    expect(patch.statusCode).toBe(404)
    expect(patch.json().code).toBe('grid.not_found')
  })
})

describe('searching grids', () => {
  it('matches %, _ and \\ as themselves, not as wildcards', async () => {
    nextDistrict += 1
    const code = String(510100 + nextDistrict)
    const made = await create({
      code,
      name: '百分之50%_广场',
      level: 'district',
      boundary: box(100 + nextDistrict, 30, 0.4),
    })
    expect(made.statusCode, made.body).toBe(201)
    const search = async (q: string) => {
      const res = await t.call({
        method: 'GET',
        url: `/api/grids?limit=500&q=${encodeURIComponent(q)}`,
        cookie: admin.cookie,
      })
      expect(res.statusCode, res.body).toBe(200)
      return res.json().items.map((g: { code: string }) => g.code)
    }
    expect(await search('%')).toEqual([code])
    expect(await search('%_')).toEqual([code])
    expect(await search('_')).toEqual([code])
    expect(await search('\\')).toEqual([])
    expect(await search('50%_广')).toEqual([code])
    expect(await search('百分之5_%')).toEqual([])
  })
})
