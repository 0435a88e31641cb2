import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../../test/support/app'
import { personIn } from '../../../../test/support/ledger-people'
import { queryRows } from '../../../db/database'

let t: TestApp
let a: StaffedPlace
let b: StaffedPlace
beforeAll(async () => {
  t = await testApp()
  a = await t.place('520101', 105)
  b = await t.place('520102', 106)
}, 120_000)
afterAll(() => t?.close())

const call = (cookie: string, method: 'GET' | 'PUT', url: string, payload?: object) =>
  t.call({ method, url, cookie, ...(payload ? { payload } : {}) })
const putTags = (cookie: string, id: string, tags: string[], version: number) =>
  call(cookie, 'PUT', `/api/people/${id}/tags`, { tags, version })
const version = async (id: string) =>
  (await call(a.people.worker.cookie, 'GET', `/api/people/${id}`)).json().version

describe('a person’s tags', () => {
  it('sets them trimmed and once each, kept in the change history and audited; the list filters by one', async () => {
    const id = await personIn(t.database.db, a.micro, '吴标签')
    const res = await putTags(
      a.people.worker.cookie,
      id,
      [' 独居老人 ', '低保', '独居老人'],
      await version(id),
    )
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().tags).toEqual(['独居老人', '低保'])
    expect(res.json().changes[0].changes).toEqual({ tags: [[], ['独居老人', '低保']] })
    const [audit] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_log where action = 'person.update' and resource_id = ${id}
        and summary->'fields' = '["tags"]'::jsonb`,
    )
    expect(audit?.n).toBe(1)
    const list = await call(a.people.worker.cookie, 'GET', `/api/people?tag=${encodeURIComponent('低保')}`)
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([id])

    // The same tags again change nothing; an empty list clears them.
    const same = await putTags(a.people.worker.cookie, id, ['独居老人', '低保'], res.json().version)
    expect(same.json().version).toBe(res.json().version)
    const cleared = await putTags(a.people.worker.cookie, id, [], res.json().version)
    expect(cleared.json().tags).toEqual([])
    // A stale version is refused.
    const stale = await putTags(a.people.worker.cookie, id, ['x'], res.json().version)
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'ledger.version_conflict'])
  })

  it.each([
    [['  '], 'ledger.tag_empty'],
    [['ok', 'bad\u0007'], 'ledger.tag_control'],
    [['一二三四五六七八九十一二三四五六七八九十一'], 'ledger.tag_too_long'],
    [Array.from({ length: 11 }, (_, i) => `t${i}`), 'ledger.too_many_tags'],
  ])('refuses %j as problem+json 400 %s, writing nothing', async (tags, code) => {
    const id = await personIn(t.database.db, a.micro, '郑校验')
    const before = await version(id)
    const res = await putTags(a.people.worker.cookie, id, tags, before)
    expect([res.statusCode, res.headers['content-type'], res.json().code]).toEqual([
      400,
      expect.stringContaining('application/problem+json'),
      code,
    ])
    expect(await version(id)).toBe(before)
  })

  it('refuses a body that is not a list of texts (request.invalid)', async () => {
    const id = await personIn(t.database.db, a.micro, '冯结构')
    const res = await call(a.people.worker.cookie, 'PUT', `/api/people/${id}/tags`, { tags: [1], version: 1 })
    expect([res.statusCode, res.json().code]).toEqual([400, 'request.invalid'])
  })

  it('answers 404 outside the subtree and 403 to a reader who may not write', async () => {
    const theirs = await personIn(t.database.db, b.micro, '陈外网')
    const out = await putTags(a.people.worker.cookie, theirs, ['x'], 1)
    expect([out.statusCode, out.json().code]).toEqual([404, 'ledger.not_found'])
    const instructor = await t.as([{ key: 'grid_instructor', scope: { type: 'grid', path: b.paths.grid } }])
    const refused = await putTags(instructor.cookie, theirs, ['x'], 1)
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'ledger.forbidden'])
  })
})
