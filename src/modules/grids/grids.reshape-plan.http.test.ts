import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import { box } from '../../../test/support/geo'

let t: TestApp
let admin: { username: string; cookie: string }
beforeAll(async () => {
  t = await testApp()
  admin = await t.as([{ key: 'admin' }])
})
afterAll(() => t?.close())

const post = (url: string, payload: object, cookie = admin.cookie) =>
  t.call({ method: 'POST', url, cookie, payload })
const get = (url: string, cookie = admin.cookie) => t.call({ method: 'GET', url, cookie })

let n = 0
/** A grid (0.2° square at x, 30) in a community of its own, holding two micro-grids: its west and east halves. */
async function gridWithHalves() {
  n += 1
  const d = String(540100 + n)
  const x = 80 + n
  const c = `${d}001001`
  const g = `${c}001`
  await t.make.grid({ code: d, level: 'district', at: { x, size: 0.4 } })
  await t.make.grid({ code: `${d}001`, level: 'street', parent: d, at: { x, size: 0.2 } })
  await t.make.grid({ code: c, level: 'community', parent: `${d}001`, at: { x, size: 0.2 } })
  await t.make.grid({ code: g, level: 'grid', parent: c, at: { x, size: 0.2 } })
  for (const [segment, west] of [
    ['001', x],
    ['002', x + 0.1],
  ] as const) {
    const res = await post('/api/grids', {
      code: g + segment,
      name: segment === '001' ? '西' : '东',
      level: 'micro',
      parentCode: g,
      boundary: box(west, 30, 0.1, 0.2),
    })
    expect(res.statusCode, res.body).toBe(201)
  }
  return { d, c, g, x }
}

const line = (...points: [number, number][]) => ({ line: { type: 'LineString', coordinates: points } })

describe('cutting a grid along a line drawn on the map', () => {
  it('answers the parts west to east, each with its share and the children it would take', async () => {
    const { g, x } = await gridWithHalves()
    const res = await post(`/api/grids/${g}/split/preview`, line([x + 0.1, 29.9], [x + 0.1, 30.3]))
    expect(res.statusCode, res.body).toBe(200)
    const { parts, cutChildren } = res.json()
    expect(cutChildren).toEqual([])
    expect(parts.map((p: { children: string[] }) => p.children)).toEqual([[`${g}001`], [`${g}002`]])
    expect(parts.map((p: { share: number }) => Math.round(p.share * 100))).toEqual([50, 50])
    expect(parts[0].boundary.type).toBe('Polygon')
  })

  it('names the children a line cuts through, which a split along it would be refused for', async () => {
    const { g, x } = await gridWithHalves()
    const res = await post(`/api/grids/${g}/split/preview`, line([x + 0.05, 29.9], [x + 0.05, 30.3]))
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().cutChildren).toEqual([`${g}001`])
  })

  it('refuses a line that stops inside the grid', async () => {
    const { g, x } = await gridWithHalves()
    const res = await post(`/api/grids/${g}/split/preview`, line([x + 0.1, 29.9], [x + 0.1, 30.1]))
    expect(res.statusCode, res.body).toBe(422)
    expect(res.json().code).toBe('grid.cut_misses')
  })

  it('splits along the previewed parts, and the parts show who split them and when', async () => {
    const { c, g, x } = await gridWithHalves()
    const preview = (
      await post(`/api/grids/${g}/split/preview`, line([x + 0.1, 29.9], [x + 0.1, 30.3]))
    ).json()
    const codes = (await get(`/api/grids/${g}/sibling-codes?count=2`)).json().codes
    expect(codes).toEqual([`${c}002`, `${c}003`])
    const parts = preview.parts.map((p: { boundary: object }, i: number) => ({
      code: codes[i],
      name: `第${i + 1}部分`,
      boundary: p.boundary,
    }))
    const split = await post(`/api/grids/${g}/split`, { parts, reason: '户数增长' })
    expect(split.statusCode, split.body).toBe(201)

    const west = (await get(`/api/grids/${c}002`)).json()
    expect(west.lineage).toEqual([
      {
        direction: 'from',
        code: g,
        name: `grid${g}`,
        kind: 'split',
        effectiveOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        reason: '户数增长',
        recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        recordedBy: admin.username,
      },
    ])
  })
})

describe('codes for new grids beside one', () => {
  it('numbers on from the highest code ever given there, a retired one included', async () => {
    const { g } = await gridWithHalves()
    const res = await get(`/api/grids/${g}001/sibling-codes?count=2`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().codes).toEqual([`${g}003`, `${g}004`])

    const retired = await t.call({ method: 'DELETE', url: `/api/grids/${g}002`, cookie: admin.cookie })
    expect(retired.statusCode, retired.body).toBe(204)
    expect((await get(`/api/grids/${g}001/sibling-codes`)).json().codes).toEqual([`${g}003`])
  })
})

describe('who may plan a reshaping', () => {
  it('refuses a grid worker, and a street chief outside her street', async () => {
    const place = await t.place('540199', 99)
    const grid = place.paths.grid.split('.').join('')
    const worker = place.people.worker.cookie
    const stranger = await t.as([{ key: 'street_chief', scope: { type: 'grid', path: '540101.001' } }])
    const cut = line([99, 29.9], [99.05, 30.3])
    expect((await post(`/api/grids/${grid}/split/preview`, cut, worker)).statusCode).toBe(403)
    expect((await get(`/api/grids/${grid}/sibling-codes`, worker)).statusCode).toBe(403)
    const outside = await post(`/api/grids/${grid}/split/preview`, cut, stranger.cookie)
    expect(outside.statusCode).toBe(404)
    expect(outside.json().code).toBe('grid.not_found')
    const allowed = await post(`/api/grids/${grid}/split/preview`, cut, place.people.streetChief.cookie)
    expect(allowed.statusCode, allowed.body).toBe(200)
  })
})
