import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'

let t: TestApp
let admin: { cookie: string }
beforeAll(async () => {
  t = await testApp({}, { clock: () => new Date('2026-11-23T10:00:00+08:00') })
  admin = await t.as([{ key: 'admin' }])
})
afterAll(() => t?.close())

const get = (url: string, cookie: string) => t.call({ method: 'GET', url, cookie })

let n = 0
/** A chain of grids of its own with a sanitation department (and no other) and the people of the loop. */
const place = () => {
  n += 1
  return t.place(String(470100 + n), 40 + n)
}
type Place = Awaited<ReturnType<typeof place>>

/** A case of a class reported by the place's grid worker, accepted by `acceptor`: ready to dispatch. */
async function accepted(p: Place, categoryCode: string, acceptor: string) {
  const res = await t.call({
    method: 'POST',
    url: '/api/cases',
    cookie: p.people.worker.cookie,
    payload: { categoryCode, location: p.point, description: '巡查发现', source: 'worker' },
  })
  expect(res.statusCode, res.body).toBe(201)
  const c = res.json()
  const done = await t.act(c.id, 'accept', { version: c.version }, acceptor)
  expect(done.statusCode, done.body).toBe(200)
  return done.json() as { id: string; version: number; grids: { code: string; level: string }[] }
}

const codeAt = (c: { grids: { code: string; level: string }[] }, level: string) =>
  c.grids.find((g) => g.level === level)?.code as string

describe('dispatch options', () => {
  it('offer only the grid and the micro-grid for an admitted class, and the server refuses the district, street or community posted anyway', async () => {
    const p = await place()
    // 私搭乱建: on the admitted list; no 城管 serves this place, so the rules send it to the micro-grid.
    const c = await accepted(p, '06001', p.people.streetChief.cookie)
    const options = await get(`/api/cases/${c.id}/dispatch-options`, p.people.streetChief.cookie)
    expect(options.statusCode, options.body).toBe(200)
    expect(options.json()).toEqual({
      byRule: { department: null, grid: { code: codeAt(c, 'micro'), name: `micro${p.d}`, level: 'micro' } },
      byRuleRefused: null,
      grids: [
        { code: codeAt(c, 'grid'), name: `grid${p.d}`, level: 'grid' },
        { code: codeAt(c, 'micro'), name: `micro${p.d}`, level: 'micro' },
      ],
      gridsRefused: null,
    })

    for (const level of ['district', 'street', 'community']) {
      const refused = await t.act(
        c.id,
        'dispatch',
        { version: c.version, grid: codeAt(c, level) },
        p.people.streetChief.cookie,
      )
      expect(refused.statusCode, level).toBe(422)
      expect(refused.json().code).toBe('case.not_a_grid')
    }
    const sent = await t.act(
      c.id,
      'dispatch',
      { version: c.version, grid: codeAt(c, 'grid') },
      p.people.streetChief.cookie,
    )
    expect(sent.statusCode, sent.body).toBe(200)
    expect(sent.json()).toMatchObject({ state: 'dispatched', department: null })
    expect(sent.json().timeline.at(-1)).toMatchObject({
      action: 'dispatch',
      data: { grid: codeAt(c, 'grid'), departmentId: null },
    })
  })

  it('offer no grid for a class off the admitted list and name the department the rules choose; a grid posted anyway gets case.not_admitted', async () => {
    const p = await place()
    // 暴露垃圾: sanitation's, not for grid workers.
    const c = await accepted(p, '06010', p.people.streetChief.cookie)
    const options = (await get(`/api/cases/${c.id}/dispatch-options`, p.people.streetChief.cookie)).json()
    expect(options).toEqual({
      byRule: { department: { code: p.department, name: '环卫所' }, grid: null },
      byRuleRefused: null,
      grids: [],
      gridsRefused: 'case.not_admitted',
    })
    const refused = await t.act(
      c.id,
      'dispatch',
      { version: c.version, grid: codeAt(c, 'grid') },
      p.people.streetChief.cookie,
    )
    expect(refused.statusCode).toBe(422)
    expect(refused.json().code).toBe('case.not_admitted')
  })

  it('say when the rules find no handler, as the dispatch by the rules then answers', async () => {
    const p = await place()
    // 路灯异常: the municipal department's, at the district level; none serves this place.
    const c = await accepted(p, '01037', admin.cookie)
    const options = (await get(`/api/cases/${c.id}/dispatch-options`, admin.cookie)).json()
    expect(options).toEqual({
      byRule: null,
      byRuleRefused: 'case.no_handler',
      grids: [],
      gridsRefused: 'case.not_admitted',
    })
    const refused = await t.act(c.id, 'dispatch', { version: c.version }, admin.cookie)
    expect(refused.statusCode).toBe(422)
    expect(refused.json().code).toBe('case.no_handler')
  })

  it('are answered only to whoever may dispatch the case', async () => {
    const p = await place()
    const other = await place()
    const c = await accepted(p, '06001', p.people.streetChief.cookie)
    const url = `/api/cases/${c.id}/dispatch-options`
    const worker = await get(url, p.people.worker.cookie)
    expect(worker.statusCode).toBe(403)
    expect(worker.json().code).toBe('case.forbidden')
    expect((await get(url, other.people.streetChief.cookie)).statusCode).toBe(404)
    expect((await t.call({ method: 'GET', url })).statusCode).toBe(401)
  })
})
