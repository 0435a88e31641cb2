import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../test/support/app'

let t: TestApp
let place: StaffedPlace
beforeAll(async () => {
  t = await testApp()
  place = await t.place('530101', 70)
})
afterAll(() => t?.close())

const get = (url: string, cookie: string) => t.call({ method: 'GET', url, cookie })
const roots = async (cookie: string) => {
  const res = await get('/api/grids/roots', cookie)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as { items: { code: string; bbox: number[] }[]; abilities: string[] }
}
const grid = (path: string) => ({ type: 'grid' as const, path })
const codeOf = (path: string) => path.split('.').join('')

describe('where the grid page starts', () => {
  it('gives a grid worker his grid as the one root, boxed, with nothing to import', async () => {
    const answer = await roots(place.people.worker.cookie)
    expect(answer.items.map((g) => g.code)).toEqual([codeOf(place.paths.grid)])
    // make.place draws the grid as the 0.1° square at (x, 30).
    const [west, south, east, north] = answer.items[0]?.bbox ?? []
    expect([west, south, east, north].map((v) => Math.round((v ?? 0) * 1000) / 1000)).toEqual([
      70, 30, 70.1, 30.1,
    ])
    expect(answer.abilities).toEqual([])
  })

  it('does not let the grid worker read the community above his grid, nor the grid beside his', async () => {
    const worker = place.people.worker.cookie
    const community = codeOf(place.paths.community)
    const beside = await t.make.grid({
      code: `${community}002`,
      level: 'grid',
      parent: community,
      at: { x: 70.1, size: 0.1 },
    })
    expect((await get(`/api/grids/${community}`, worker)).statusCode).toBe(404)
    expect((await get(`/api/grids/${beside.code}`, worker)).statusCode).toBe(404)
    const underCommunity = (await get(`/api/grids?parent=${community}`, worker)).json()
    expect(underCommunity.items.map((g: { code: string }) => g.code)).toEqual([codeOf(place.paths.grid)])
    // His tree opens onto his micro-grid.
    const below = (await get(`/api/grids?parent=${codeOf(place.paths.grid)}`, worker)).json()
    expect(below.items.map((g: { code: string }) => g.code)).toEqual([codeOf(place.micro)])
  })

  it('gives a street chief her street, with the import she may use there', async () => {
    const answer = await roots(place.people.streetChief.cookie)
    expect(answer.items.map((g) => g.code)).toEqual([codeOf(place.paths.street)])
    expect(answer.abilities).toEqual(['import'])
  })

  it('gives an administrator of the district the district', async () => {
    const districtAdmin = await t.as([{ key: 'admin', scope: grid(place.paths.district) }])
    const answer = await roots(districtAdmin.cookie)
    expect(answer.items.map((g) => g.code)).toEqual([place.d])
    expect(answer.abilities).toEqual(['import'])
  })

  it('gives a reader of several subtrees one root each, and a subtree inside another none of its own', async () => {
    const other = await t.make.place({ d: '530102', x: 71 })
    const both = await t.as([
      { key: 'grid_worker', scope: grid(place.paths.grid) },
      { key: 'grid_worker', scope: grid(other.paths.grid) },
      { key: 'community_chief', scope: grid(other.paths.community) },
    ])
    const answer = await roots(both.cookie)
    expect(answer.items.map((g) => g.code)).toEqual([codeOf(place.paths.grid), codeOf(other.paths.community)])
  })

  it('gives a whole-deployment reader the deployment’s roots', async () => {
    const admin = await t.as([{ key: 'admin' }])
    const answer = await roots(admin.cookie)
    expect(answer.items.map((g) => g.code)).toEqual(expect.arrayContaining([place.d]))
    expect(answer.items.every((g) => g.code.length === 6)).toBe(true)
  })

  it('gives a department officer no root, and someone signed out nothing at all', async () => {
    expect((await roots(place.people.officer.cookie)).items).toEqual([])
    expect((await t.call({ method: 'GET', url: '/api/grids/roots' })).statusCode).toBe(401)
  })
})

describe('what a grid view lets its reader do', () => {
  const abilities = async (code: string, cookie: string) => {
    const res = await get(`/api/grids/${code}`, cookie)
    expect(res.statusCode, res.body).toBe(200)
    return res.json().abilities
  }

  it('offers a street chief the reshaping of a community of her street, not of the street itself', async () => {
    const chief = place.people.streetChief.cookie
    expect(await abilities(codeOf(place.paths.community), chief)).toEqual(['edit', 'split', 'merge'])
    expect(await abilities(codeOf(place.paths.street), chief)).toEqual([])
  })

  it('offers a grid worker nothing, even on his own grid', async () => {
    expect(await abilities(codeOf(place.paths.grid), place.people.worker.cookie)).toEqual([])
  })
})
