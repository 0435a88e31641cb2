import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../../test/support/app'
import type { CasePlace } from '../../../../test/support/places'
import { syncCategories } from '../categories/categories.sync'
import { configRepo } from './config.repo'
import { createLiveCalendar } from './live-calendar'

/** Monday 23 November 2026, 10:00 China time. */
const now = new Date('2026-11-23T10:00:00+08:00')
let t: TestApp
let admin: { cookie: string }
/** Reads the audit log (三员分立: not the system administrator's). */
let auditor: { cookie: string }
let worker: { cookie: string }
beforeAll(async () => {
  t = await testApp({}, { clock: () => now })
  admin = await t.as([{ key: 'admin' }])
  auditor = await t.as([{ key: 'audit_admin' }])
  worker = await t.as([{ key: 'grid_worker' }])
})
afterAll(() => t?.close())

const call = (
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  cookie: string,
  payload?: object,
) => t.call({ method, url, cookie, ...(payload ? { payload } : {}) })

const audit = async (action: string, resourceId: string) =>
  (await call('GET', `/api/audit?action=${action}&resourceId=${resourceId}`, auditor.cookie)).json()
    .items as {
    summary: Record<string, unknown>
  }[]

let n = 0
/** A district chain of its own with its people signed in (`t.place`). */
const place = (): Promise<CasePlace> => {
  n += 1
  return t.place(String(460100 + n), 60 + n)
}

const report = async (p: CasePlace, categoryCode = '06010') => {
  const res = await call('POST', '/api/cases', p.people.worker.cookie, {
    source: 'worker',
    description: '路边有一堆垃圾',
    categoryCode,
    location: p.point,
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}

/** The filing standard of 暴露垃圾 as shipped (06010), to edit copies of. */
const standard = {
  filingCondition: '公共区域有散落垃圾',
  closingCondition: '垃圾已清运',
  level: 'community',
  department: 'sanitation',
  limits: {
    accept: { hours: 2 },
    handle: { normal: { days: 2 }, urgent: { hours: 8 }, critical: { hours: 4 } },
    verify: { hours: 4 },
  },
  evidence: { handle: true, verify: false },
  selfHandle: true,
  admitted: true,
}

describe('categories', () => {
  it('edits a class, marks it edited, audits it, and start-up sync leaves it alone until it is reset', async () => {
    const shipped = (await call('GET', '/api/case-categories/06011', admin.cookie)).json()
    expect(shipped).toMatchObject({ code: '06011', edited: false, local: false, active: true })
    expect(shipped.shipped.standard).toEqual(shipped.standard)

    const res = await call('PATCH', '/api/case-categories/06011', admin.cookie, {
      zh: '积存垃圾',
      active: false,
      standard,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({
      zh: '积存垃圾',
      en: shipped.en,
      active: false,
      edited: true,
      standard,
    })
    const [row] = await audit('category.update', '06011')
    expect(row?.summary).toMatchObject({ active: false })
    expect(row?.summary.changed).toEqual(expect.arrayContaining(['zh', 'active', 'standard.level']))

    await syncCategories(t.database.db)
    const after = (await call('GET', '/api/case-categories/06011', admin.cookie)).json()
    expect(after).toMatchObject({ zh: '积存垃圾', active: false, edited: true, standard })
    // The list everyone reads shows the deployment's version.
    const list = (await call('GET', '/api/case-categories', admin.cookie)).json()
    expect(list.categories.find((c: { code: string }) => c.code === '06011')).toMatchObject({
      zh: '积存垃圾',
      active: false,
    })

    const reset = await call('POST', '/api/case-categories/06011/reset', admin.cookie)
    expect(reset.statusCode, reset.body).toBe(200)
    expect(reset.json()).toMatchObject({
      zh: shipped.zh,
      active: true,
      edited: false,
      standard: shipped.standard,
    })
    expect(await audit('category.reset', '06011')).toHaveLength(1)
  })

  it('takes an inactive class out of intake', async () => {
    const p = await place()
    const off = await call('PATCH', '/api/case-categories/06012', admin.cookie, { active: false })
    expect(off.statusCode, off.body).toBe(200)
    const res = await call('POST', '/api/cases', p.people.worker.cookie, {
      source: 'worker',
      description: '路面有积水',
      categoryCode: '06012',
      location: p.point,
    })
    expect(res.json().code).toBe('case.unknown_category')
    await call('POST', '/api/case-categories/06012/reset', admin.cookie)
    await report(p, '06012')
  })

  it.each([
    [
      'a non-positive limit',
      { limits: { ...standard.limits, accept: { hours: -1 } } },
      ['non_positive_limit'],
    ],
    [
      'limits that loosen with urgency',
      {
        limits: {
          ...standard.limits,
          handle: { normal: { hours: 4 }, urgent: { hours: 8 }, critical: { hours: 2 } },
        },
      },
      ['limits_not_tightening'],
    ],
    ['an unknown department kind', { department: 'ministry' }, ['unknown_department']],
    ['self-handling what is not admitted', { admitted: false }, ['self_handle_not_admitted']],
    [
      'several at once',
      { department: 'ministry', admitted: false, limits: { ...standard.limits, verify: { days: 0 } } },
      ['non_positive_limit', 'unknown_department', 'self_handle_not_admitted'],
    ],
  ])('refuses %s with the list of rule failures', async (_, patch, kinds) => {
    const res = await call('PATCH', '/api/case-categories/06013', admin.cookie, {
      standard: { ...standard, ...patch },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('category.invalid')
    expect(res.json().problems.map((p: { kind: string }) => p.kind)).toEqual(kinds)
    expect((await call('GET', '/api/case-categories/06013', admin.cookie)).json().edited).toBe(false)
  })

  it('refuses a name a sibling has, an active flag on a big class, and a standard on one', async () => {
    const sibling = (await call('GET', '/api/case-categories/06010', admin.cookie)).json()
    const named = await call('PATCH', '/api/case-categories/06013', admin.cookie, { zh: sibling.zh })
    expect(named.json()).toMatchObject({
      code: 'category.invalid',
      problems: [{ kind: 'duplicate_name', code: '06013', detail: 'zh (also 06010)' }],
    })
    const big = await call('PATCH', '/api/case-categories/06', admin.cookie, { active: false, standard })
    expect(big.json().problems.map((p: { kind: string }) => p.kind)).toEqual([
      'big_class_active',
      'standard_on_big_class',
    ])
    const renamed = await call('PATCH', '/api/case-categories/06', admin.cookie, { en: 'Streetscape' })
    expect(renamed.statusCode, renamed.body).toBe(200)
    expect(renamed.json()).toMatchObject({ en: 'Streetscape', edited: true, standard: null })
  })

  it('refuses an empty edit, an unknown class and a malformed standard', async () => {
    expect((await call('PATCH', '/api/case-categories/06013', admin.cookie, {})).json().code).toBe(
      'request.invalid',
    )
    const missing = await call('PATCH', '/api/case-categories/06998', admin.cookie, { zh: '无' })
    expect(missing.statusCode).toBe(404)
    expect(missing.json().code).toBe('category.not_found')
    const malformed = await call('PATCH', '/api/case-categories/06013', admin.cookie, {
      standard: { ...standard, level: 'city' },
    })
    expect(malformed.json().code).toBe('request.invalid')
  })

  it('never lists a class about persons publicly: social governance, 09001 and 09003 refuse public', async () => {
    for (const code of ['26001', '26', '21001', '09001', '09003']) {
      const res = await call('PATCH', `/api/case-categories/${code}`, admin.cookie, { public: true })
      expect(res.statusCode, `${code}: ${res.body}`).toBe(400)
      expect(res.json().code).toBe('category.never_public')
      expect((await call('GET', `/api/case-categories/${code}`, admin.cookie)).json().public).toBe(false)
    }
    expect(await audit('category.update', '26001')).toHaveLength(0)
    const local = await call('POST', '/api/case-categories', admin.cookie, {
      code: '26900',
      zh: '其他特殊人群',
      en: 'Other special-care groups',
      public: true,
      standard,
    })
    expect(local.statusCode, local.body).toBe(400)
    expect(local.json().code).toBe('category.never_public')
    expect((await call('GET', '/api/case-categories/26900', admin.cookie)).statusCode).toBe(404)
    // A thing in the street may still be switched: off and on again.
    const off = await call('PATCH', '/api/case-categories/06014', admin.cookie, { public: false })
    expect(off.statusCode, off.body).toBe(200)
    const on = await call('PATCH', '/api/case-categories/06014', admin.cookie, { public: true })
    expect(on.json().public).toBe(true)
  })

  it('adds local classes in the reserved ranges, which take reports and cannot be reset', async () => {
    const p = await place()
    const small = await call('POST', '/api/case-categories', admin.cookie, {
      code: '06900',
      zh: '占道晾晒',
      en: 'Drying on the road',
      standard,
    })
    expect(small.statusCode, small.body).toBe(201)
    expect(small.json()).toMatchObject({
      code: '06900',
      catalogue: 'city',
      parentCode: '06',
      local: true,
      shipped: null,
      active: true,
    })
    expect(await audit('category.create', '06900')).toHaveLength(1)
    const c = await report(p, '06900')
    expect(c.level).toBe('community')
    // Two working hours to accept: 10:00 → 12:00.
    expect(c.deadlines.accept).toBe(new Date('2026-11-23T12:00:00+08:00').toISOString())

    const again = await call('POST', '/api/case-categories', admin.cookie, {
      code: '06900',
      zh: '另一个',
      en: 'Another',
      standard,
    })
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('category.code_taken')

    const reset = await call('POST', '/api/case-categories/06900/reset', admin.cookie)
    expect(reset.statusCode).toBe(400)
    expect(reset.json().code).toBe('category.not_shipped')
    expect((await call('POST', '/api/case-categories/06999/reset', admin.cookie)).statusCode).toBe(404)

    await syncCategories(t.database.db)
    expect((await call('GET', '/api/case-categories/06900', admin.cookie)).json().zh).toBe('占道晾晒')
  })

  it('opens a local big class with its catalogue, then small classes under it', async () => {
    const noCatalogue = await call('POST', '/api/case-categories', admin.cookie, {
      code: '91',
      zh: '地方',
      en: 'Local',
    })
    expect(noCatalogue.json()).toMatchObject({
      code: 'category.invalid',
      problems: [{ kind: 'missing_catalogue', code: '91' }],
    })
    const big = await call('POST', '/api/case-categories', admin.cookie, {
      code: '91',
      catalogue: 'social',
      zh: '地方事项',
      en: 'Local matters',
    })
    expect(big.statusCode, big.body).toBe(201)
    const small = await call('POST', '/api/case-categories', admin.cookie, {
      code: '91001',
      zh: '地方小类',
      en: 'Local small class',
      standard,
    })
    expect(small.statusCode, small.body).toBe(201)
    expect(small.json()).toMatchObject({ catalogue: 'social', parentCode: '91' })
    const mismatch = await call('POST', '/api/case-categories', admin.cookie, {
      code: '91002',
      catalogue: 'city',
      zh: '另一小类',
      en: 'Another one',
      standard,
    })
    expect(mismatch.json().problems.map((p: { kind: string }) => p.kind)).toEqual(['catalogue_mismatch'])
  })

  it.each([
    ['a shipped code', { code: '06050', standard }, 400, 'category.not_local'],
    ['a small class under no big class', { code: '92001', standard }, 400, 'category.invalid'],
    ['a small class without a standard', { code: '06901' }, 400, 'category.invalid'],
    ['a big class with a standard', { code: '93', catalogue: 'city', standard }, 400, 'category.invalid'],
    ['a 3-digit code', { code: '069', standard }, 400, 'request.invalid'],
  ])('refuses %s', async (_, body, status, code) => {
    const res = await call('POST', '/api/case-categories', admin.cookie, { zh: '新类', en: 'New', ...body })
    expect(res.statusCode, res.body).toBe(status)
    expect(res.json().code).toBe(code)
  })

  it('lets only case.configure over the whole deployment change the catalogue', async () => {
    const p = await place()
    for (const who of [worker, p.people.streetChief]) {
      expect((await call('GET', '/api/case-categories/06010', who.cookie)).statusCode).toBe(403)
      expect((await call('PATCH', '/api/case-categories/06010', who.cookie, { zh: '改' })).statusCode).toBe(
        403,
      )
      const created = await call('POST', '/api/case-categories', who.cookie, {
        code: '94',
        catalogue: 'city',
        zh: '甲',
        en: 'A',
      })
      expect(created.statusCode).toBe(403)
      expect((await call('POST', '/api/case-categories/06010/reset', who.cookie)).statusCode).toBe(403)
    }
    expect((await call('GET', '/api/case-categories/06010', admin.cookie)).json().edited).toBe(false)
  })
})

describe('routing table', () => {
  it('sends a dispatch with no target where a street chief’s rule says, and back once it is deleted', async () => {
    const p = await place()
    const { streetChief } = p.people
    const other = await call('POST', '/api/departments', admin.cookie, {
      code: `um${p.d}`,
      name: '城管中队',
      kind: 'urban_management',
    })
    expect(other.statusCode, other.body).toBe(201)

    const dispatch = async () => {
      let c = await report(p)
      c = (await t.act(c.id, 'accept', { version: c.version }, streetChief.cookie)).json()
      const res = await t.act(c.id, 'dispatch', { version: c.version }, streetChief.cookie)
      expect(res.statusCode, res.body).toBe(200)
      return res.json().department.code as string
    }
    expect(await dispatch()).toBe(p.department)

    const rule = await call('POST', '/api/case-routes', streetChief.cookie, {
      gridCode: `${p.d}001`,
      categoryPrefix: '06',
      department: `um${p.d}`,
    })
    expect(rule.statusCode, rule.body).toBe(201)
    expect(rule.json()).toMatchObject({
      gridCode: `${p.d}001`,
      gridName: `street${p.d}`,
      gridRetired: false,
      categoryPrefix: '06',
      categoryZh: '市容环境类',
      departmentCode: `um${p.d}`,
      departmentName: '城管中队',
      level: null,
    })
    expect(await dispatch()).toBe(`um${p.d}`)
    const [created] = await audit('route.create', rule.json().id)
    expect(created?.summary).toMatchObject({ grid: `${p.d}001`, category: '06', department: `um${p.d}` })

    const listed = (await call('GET', '/api/case-routes', streetChief.cookie)).json()
    expect(listed.map((r: { id: string }) => r.id)).toEqual([rule.json().id])

    const gone = await call('DELETE', `/api/case-routes/${rule.json().id}`, streetChief.cookie)
    expect(gone.statusCode, gone.body).toBe(204)
    expect(await audit('route.delete', rule.json().id)).toHaveLength(1)
    expect(await dispatch()).toBe(p.department)
    const again = await call('DELETE', `/api/case-routes/${rule.json().id}`, admin.cookie)
    expect(again.statusCode).toBe(404)
    expect(again.json().code).toBe('route.rule_not_found')
  })

  it('owns new reports at the level a rule names, the deepest rule winning', async () => {
    const p = await place()
    const wide = await call('POST', '/api/case-routes', admin.cookie, {
      gridCode: p.d,
      categoryPrefix: '',
      level: 'district',
    })
    expect(wide.statusCode, wide.body).toBe(201)
    expect((await report(p)).level).toBe('district')
    const deep = await call('POST', '/api/case-routes', admin.cookie, {
      gridCode: `${p.d}001001`,
      categoryPrefix: '06010',
      level: 'community',
    })
    expect(deep.statusCode, deep.body).toBe(201)
    expect((await report(p)).level).toBe('community')
    expect((await report(p, '06012')).level).toBe('district')
  })

  it.each([
    ['a second rule for the same grid and category', {}, 409, 'route.exists'],
    [
      'an unknown department',
      { categoryPrefix: '07', department: 'nowhere' },
      400,
      'route.unknown_department',
    ],
    ['an unknown category', { categoryPrefix: '88' }, 400, 'route.unknown_category'],
    ['no target', { categoryPrefix: '07', level: undefined }, 400, 'request.invalid'],
    ['an unknown grid', { gridCode: '999999999' }, 404, 'grid.not_found'],
  ])('refuses %s', async (_, patch, status, code) => {
    const p = await place()
    const base = { gridCode: `${p.d}001`, categoryPrefix: '06', level: 'street' }
    expect((await call('POST', '/api/case-routes', admin.cookie, base)).statusCode).toBe(201)
    const res = await call('POST', '/api/case-routes', admin.cookie, { ...base, ...patch })
    expect(res.statusCode, res.body).toBe(status)
    expect(res.json().code).toBe(code)
  })

  it('keeps chiefs to their own subtree and grid workers out', async () => {
    const p = await place()
    const q = await place()
    const elsewhere = await call('POST', '/api/case-routes', p.people.streetChief.cookie, {
      gridCode: `${q.d}001`,
      categoryPrefix: '',
      level: 'street',
    })
    // Another street answers as a missing grid would: the answer does not tell it exists.
    expect(elsewhere.statusCode).toBe(404)
    expect(elsewhere.json().code).toBe('grid.not_found')
    // A community chief routes within the community, not the street above it.
    const above = await call('POST', '/api/case-routes', p.people.chief.cookie, {
      gridCode: `${p.d}001`,
      categoryPrefix: '',
      level: 'street',
    })
    // The street is outside the community chief's scope: it answers as a missing grid.
    expect(above.statusCode).toBe(404)
    const own = await call('POST', '/api/case-routes', p.people.chief.cookie, {
      gridCode: `${p.d}001001`,
      categoryPrefix: '',
      level: 'community',
    })
    expect(own.statusCode, own.body).toBe(201)
    const theirs = await call('POST', '/api/case-routes', admin.cookie, {
      gridCode: `${q.d}001`,
      categoryPrefix: '',
      level: 'street',
    })
    // Someone else's rule is not found, and not listed.
    expect(
      (await call('DELETE', `/api/case-routes/${theirs.json().id}`, p.people.streetChief.cookie)).statusCode,
    ).toBe(404)
    const listed = (await call('GET', '/api/case-routes', p.people.streetChief.cookie)).json()
    expect(listed.map((r: { id: string }) => r.id)).toEqual([own.json().id])
    expect((await call('GET', '/api/case-routes', admin.cookie)).json().length).toBeGreaterThanOrEqual(2)

    for (const res of [
      await call('GET', '/api/case-routes', p.people.worker.cookie),
      await call('POST', '/api/case-routes', p.people.worker.cookie, {
        gridCode: `${p.d}001001001`,
        categoryPrefix: '',
        level: 'grid',
      }),
      await call('DELETE', `/api/case-routes/${own.json().id}`, p.people.worker.cookie),
    ]) {
      expect(res.statusCode).toBe(403)
      expect(res.json().code).toBe('auth.forbidden')
    }
  })
})

describe('working calendar', () => {
  it('shows the days in force of a year with their source, and whether the year is known', async () => {
    const res = await call('GET', '/api/calendar?year=2026', worker.cookie)
    expect(res.statusCode, res.body).toBe(200)
    const cal = res.json()
    expect(cal).toMatchObject({
      year: 2026,
      known: true,
      shifts: [
        ['09:00', '12:00'],
        ['13:30', '17:30'],
      ],
    })
    expect(cal.days).toContainEqual({
      date: '2026-10-01',
      kind: 'holiday',
      name: '国庆节',
      source: 'shipped',
      overrides: null,
    })
    expect((await call('GET', '/api/calendar?year=2031', worker.cookie)).json()).toMatchObject({
      known: false,
      days: [],
    })
    expect((await call('GET', '/api/calendar?year=20', worker.cookie)).json().code).toBe('request.invalid')
  })

  it('moves a new case’s deadline when a holiday is set, and back when it is cleared', async () => {
    const p = await place()
    // 暴露垃圾 is accepted within one working hour: Monday 10:00 → 11:00.
    expect((await report(p)).deadlines.accept).toBe(new Date('2026-11-23T11:00:00+08:00').toISOString())

    const set = await call('PUT', '/api/calendar/days/2026-11-23', admin.cookie, {
      kind: 'holiday',
      name: '地方假日',
    })
    expect(set.statusCode, set.body).toBe(200)
    expect(set.json()).toEqual({
      date: '2026-11-23',
      kind: 'holiday',
      name: '地方假日',
      source: 'database',
      overrides: null,
    })
    // Monday off: the hour runs from Tuesday 09:00.
    expect((await report(p)).deadlines.accept).toBe(new Date('2026-11-24T10:00:00+08:00').toISOString())
    const [row] = await audit('calendar.set_day', '2026-11-23')
    expect(row?.summary).toMatchObject({ kind: 'holiday', name: '地方假日', before: null })

    const cleared = await call('DELETE', '/api/calendar/days/2026-11-23', admin.cookie)
    expect(cleared.statusCode, cleared.body).toBe(204)
    expect(await audit('calendar.clear_day', '2026-11-23')).toHaveLength(1)
    expect((await report(p)).deadlines.accept).toBe(new Date('2026-11-23T11:00:00+08:00').toISOString())
  })

  it('overrides a shipped day, and clears only database days', async () => {
    const set = await call('PUT', '/api/calendar/days/2026-10-07', admin.cookie, {
      kind: 'workday',
      name: '本地上班',
    })
    expect(set.json()).toMatchObject({
      source: 'database',
      overrides: { kind: 'holiday', name: '国庆节', source: 'shipped' },
    })
    const shipped = await call('DELETE', '/api/calendar/days/2026-10-01', admin.cookie)
    expect(shipped.statusCode).toBe(404)
    expect(shipped.json().code).toBe('calendar.day_not_found')
  })

  it.each([
    ['a date that does not exist', '2026-02-30', { kind: 'holiday', name: '无' }],
    ['an unknown kind', '2026-12-01', { kind: 'halfday', name: '半天' }],
    ['no name', '2026-12-01', { kind: 'holiday', name: ' ' }],
  ])('refuses %s', async (_, date, body) => {
    const res = await call('PUT', `/api/calendar/days/${date}`, admin.cookie, body)
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('request.invalid')
  })

  it('lets only case.configure over the whole deployment change the calendar', async () => {
    const p = await place()
    for (const who of [worker, p.people.streetChief]) {
      const put = await call('PUT', '/api/calendar/days/2026-12-01', who.cookie, {
        kind: 'holiday',
        name: '甲',
      })
      expect(put.statusCode).toBe(403)
      expect((await call('DELETE', '/api/calendar/days/2026-12-01', who.cookie)).statusCode).toBe(403)
    }
  })

  it('reloads days set through another node on its own', async () => {
    const live = await createLiveCalendar(t.database.db, undefined, { error: () => {} }, 20)
    try {
      expect(live.isWorkday('2026-12-02')).toBe(true)
      await configRepo.setCalendarDay(t.database.db, {
        date: '2026-12-02',
        kind: 'holiday',
        name: '他处设置',
      })
      await expect.poll(() => live.isWorkday('2026-12-02'), { timeout: 2000, interval: 20 }).toBe(false)
    } finally {
      live.stop()
      await configRepo.deleteCalendarDay(t.database.db, '2026-12-02')
    }
  })

  it('marks the days of the WANGGE_CALENDAR file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wangge-calendar-'))
    const file = join(dir, 'calendar.json')
    writeFileSync(
      file,
      JSON.stringify({
        shifts: [
          ['08:30', '12:00'],
          ['14:00', '18:00'],
        ],
        days: [
          { date: '2027-01-01', kind: 'holiday', name: '元旦' },
          { date: '2026-10-10', kind: 'holiday', name: '本地调整' },
        ],
      }),
    )
    const other = await testApp({ WANGGE_CALENDAR: file })
    try {
      const me = await other.as([{ key: 'admin' }])
      const get = (year: number) =>
        other
          .call({ method: 'GET', url: `/api/calendar?year=${year}`, cookie: me.cookie })
          .then((r) => r.json())
      const y2027 = await get(2027)
      expect(y2027).toMatchObject({
        known: true,
        shifts: [
          ['08:30', '12:00'],
          ['14:00', '18:00'],
        ],
      })
      expect(y2027.days).toEqual([
        { date: '2027-01-01', kind: 'holiday', name: '元旦', source: 'file', overrides: null },
      ])
      expect((await get(2026)).days).toContainEqual({
        date: '2026-10-10',
        kind: 'holiday',
        name: '本地调整',
        source: 'file',
        overrides: { date: '2026-10-10', kind: 'workday', name: '国庆节', source: 'shipped' },
      })
    } finally {
      await other.close()
    }
  })
})

describe('routing rules and grid reshaping', () => {
  it('copies a rule on a split grid to every part and drops it from the retired grid', async () => {
    const p = await place()
    const community = `${p.d}001001`
    const rule = await call('POST', '/api/case-routes', admin.cookie, {
      gridCode: community,
      categoryPrefix: '06',
      level: 'community',
    })
    expect(rule.statusCode, rule.body).toBe(201)
    const x = 60 + n
    const box = (x0: number, w: number) => ({
      type: 'Polygon',
      coordinates: [
        [
          [x0, 30],
          [x0 + w, 30],
          [x0 + w, 30.2],
          [x0, 30.2],
          [x0, 30],
        ],
      ],
    })
    const split = await call('POST', `/api/grids/${community}/split`, admin.cookie, {
      parts: [
        { code: `${p.d}001002`, name: '西', boundary: box(x, 0.1) },
        { code: `${p.d}001003`, name: '东', boundary: box(x + 0.1, 0.1) },
      ],
    })
    expect(split.statusCode, split.body).toBe(201)
    const rules = (await call('GET', '/api/case-routes', admin.cookie)).json() as {
      gridCode: string
      categoryPrefix: string
    }[]
    const mine = rules.filter((r) => r.gridCode.startsWith(p.d)).map((r) => [r.gridCode, r.categoryPrefix])
    expect(mine).toEqual(
      expect.arrayContaining([
        [`${p.d}001002`, '06'],
        [`${p.d}001003`, '06'],
      ]),
    )
    expect(mine).not.toContainEqual([community, '06'])
  })
})
