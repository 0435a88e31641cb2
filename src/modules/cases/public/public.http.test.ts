import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../../test/support/app'
import { queryRows } from '../../../db/database'
import { sha256Hex } from '../../../lib/tokens'
import { PUBLIC_LIMITS } from './public.limits'

let t: TestApp
/** Reads the audit log (三员分立: not the system administrator's). */
let auditor: { cookie: string }
beforeAll(async () => {
  t = await testApp()
  auditor = await t.as([{ key: 'audit_admin' }])
})
afterAll(() => t?.close())

const staffPost = (url: string, payload: object, cookie: string) =>
  t.call({ method: 'POST', url, cookie, payload })
const staffGet = (url: string, cookie: string) => t.call({ method: 'GET', url, cookie })

/** Each anonymous caller comes from its own address, so the per-IP limits stay out of the way. */
let ips = 0
const nextIp = () => {
  ips += 1
  return `198.51.100.${ips}`
}
/** A resident's request: no cookie, the site's Origin (a browser on the report page sends it). */
const anon = (
  method: 'GET' | 'POST',
  url: string,
  opts: { payload?: object; token?: string; ip?: string } = {},
) =>
  t.call({
    method,
    url,
    payload: opts.payload,
    remoteAddress: opts.ip ?? nextIp(),
    headers: opts.token === undefined ? {} : { 'x-tracking-token': opts.token },
  })

let n = 0
/** A place of its own (`t.place`), its sanitation department psan<n> and the loop's staff. */
const place = () => {
  n += 1
  return t.place(String(460100 + n), 60 + n, { code: `psan${n}` })
}

const CONTACT = { name: '欧阳娜娜', phone: '13812341234', email: 'nana@example.cn' }

async function reportPublicly(point: { lng: number; lat: number }, extra: Record<string, unknown> = {}) {
  const res = await anon('POST', '/api/public/cases', {
    payload: {
      categoryCode: '06010',
      location: point,
      address: '锦江路 1 号门口',
      description: '路边有一堆垃圾',
      contact: CONTACT,
      ...extra,
    },
  })
  expect(res.statusCode, res.body).toBe(201)
  const created = res.json() as { no: string; token: string; trackingUrl: string }
  const [row] = await queryRows<{ id: string }>(
    t.database.db,
    sql`select id from cases where no = ${created.no}`,
  )
  return { ...created, id: row?.id as string }
}

const track = (no: string, token?: string) => anon('GET', `/api/public/cases/${no}`, { token })
const rate = (no: string, token: string, body: object) =>
  anon('POST', `/api/public/cases/${no}/rating`, { token, payload: body })

/** Accept → dispatch → handle → verify → close through the staff API; answers the closed case's version. */
async function closeLoop(p: Awaited<ReturnType<typeof place>>, id: string) {
  const { worker, streetChief, officer } = p.people
  let c = (await staffGet(`/api/cases/${id}`, streetChief.cookie)).json()
  const step = async (action: string, body: Record<string, unknown>, cookie: string) => {
    const res = await t.act(id, action, { version: c.version, ...body }, cookie)
    expect(res.statusCode, res.body).toBe(200)
    c = res.json()
  }
  await step('accept', { publicText: '已受理', note: '内部备注：上报人情绪激动' }, streetChief.cookie)
  await step('dispatch', { department: p.department }, streetChief.cookie)
  await step('handle', { publicText: '已清运' }, officer.cookie)
  await step('verify', { pass: true }, worker.cookie)
  await step('close', {}, streetChief.cookie)
  expect(c.state).toBe('closed')
  return c.version as number
}

describe('reporting without an account', () => {
  let shared: Awaited<ReturnType<typeof place>> | undefined
  it('takes the report, answers the tracking link once, and follows the case only with its token', async () => {
    const p = await place()
    const r = await reportPublicly(p.point)
    expect(r.no).toMatch(/^E\d{8}\d{6}$/)
    expect(r.token).toMatch(/^wgt_[\w-]{43}$/)
    expect(r.trackingUrl).toBe(`/track/${r.no}#${r.token}`)

    const seen = await track(r.no, r.token)
    expect(seen.statusCode, seen.body).toBe(200)
    expect(seen.json()).toMatchObject({
      no: r.no,
      version: 1,
      state: 'reported',
      stateName: { zh: '待受理', en: 'Reported' },
      category: { code: '06010', zh: '暴露垃圾' },
      address: '锦江路 1 号门口',
      rating: null,
      canRate: false,
      timeline: [{ action: 'report', to: 'reported', toName: { zh: '待受理' }, by: 'resident' }],
    })

    // No token, a wrong one, and an unknown number all get the same answer.
    for (const res of [
      await track(r.no),
      await track(r.no, 'wgt_wrong'),
      await track(r.no, `${r.token}x`),
      await track('E20000101000001', r.token),
    ]) {
      expect(res.statusCode).toBe(404)
      expect(res.json().code).toBe('case.not_found')
    }
    // A staff case has no tracking token at all.
    const staffCase = await staffPost(
      '/api/cases',
      { source: 'worker', categoryCode: '06010', location: p.point, description: '垃圾' },
      p.people.worker.cookie,
    )
    expect((await track(staffCase.json().no, '')).statusCode).toBe(404)
  })

  it('keeps the contact encrypted and the token as its digest, and audits the intake as the public channel', async () => {
    const p = await place()
    const r = await reportPublicly(p.point)
    const [row] = await queryRows<{
      reporter_contact: string
      tracking_token_hash: string
      source: string
      reporter_id: string | null
    }>(
      t.database.db,
      sql`select reporter_contact, tracking_token_hash, source, reporter_id from cases where id = ${r.id}`,
    )
    expect(row?.reporter_contact.startsWith('v1.')).toBe(true)
    for (const clear of ['13812341234', '欧阳', 'nana@']) expect(row?.reporter_contact).not.toContain(clear)
    expect(row?.tracking_token_hash).toBe(sha256Hex(r.token))
    expect(row).toMatchObject({ source: 'resident', reporter_id: null })
    const audit = await staffGet(`/api/audit?action=case.report&resourceId=${r.no}`, auditor.cookie)
    expect(audit.json().items).toEqual([
      expect.objectContaining({ actorType: 'system', actorId: 'public', actorName: 'resident' }),
    ])
  })

  it('takes a report without contact and without an Origin (a non-browser client)', async () => {
    const p = await place()
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/cases',
      remoteAddress: nextIp(),
      payload: { categoryCode: '27001', location: p.point, description: '建议增设路灯' },
    })
    expect(res.statusCode, res.body).toBe(201)
    const [row] = await queryRows<{ reporter_contact: string | null }>(
      t.database.db,
      sql`select reporter_contact from cases where no = ${res.json().no}`,
    )
    expect(row?.reporter_contact).toBeNull()
  })

  it.each([
    ['a class residents do not report (治安隐患)', { categoryCode: '22001' }, 'case.public_category'],
    ['a petition (信访)', { categoryCode: '25001' }, 'case.public_category'],
    ['an unknown class', { categoryCode: '99999' }, 'case.unknown_category'],
    ['an empty description', { description: ' ' }, 'request.invalid'],
    ['a description over 2000 characters', { description: '垃'.repeat(2001) }, 'request.invalid'],
    ['a bad phone', { contact: { phone: 'call me' } }, 'request.invalid'],
  ])('refuses %s', async (_, body, code) => {
    shared ??= await place()
    const p = shared
    const res = await anon('POST', '/api/public/cases', {
      payload: { categoryCode: '06010', location: p.point, description: '路边有一堆垃圾', ...body },
    })
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().code).toBe(code)
  })

  it('lists only the citizen-facing classes', async () => {
    const res = await anon('GET', '/api/public/categories')
    expect(res.statusCode).toBe(200)
    const classes = res.json().classes as { code: string; children: { code: string; zh: string }[] }[]
    const codes = classes.map((c) => c.code)
    expect(codes).toEqual(expect.arrayContaining(['01', '06', '09', '10', '21', '23', '24', '27']))
    for (const hidden of ['22', '25', '26', '28']) expect(codes).not.toContain(hidden)
    expect(classes.find((c) => c.code === '06')?.children).toContainEqual({
      code: '06010',
      zh: '暴露垃圾',
      en: 'Exposed waste',
    })
  })

  it(`answers 429 case.rate_limited after ${PUBLIC_LIMITS.report} reports a minute from one address`, async () => {
    const ip = '203.0.113.77'
    for (let i = 0; i < PUBLIC_LIMITS.report; i++) {
      // Refused bodies count as well: the limit is on requests, before anything is read.
      const res = await anon('POST', '/api/public/cases', { payload: {}, ip })
      expect(res.statusCode).toBe(400)
    }
    const over = await anon('POST', '/api/public/cases', { payload: {}, ip })
    expect(over.statusCode).toBe(429)
    expect(over.json()).toMatchObject({ code: 'case.rate_limited', retryAfterSeconds: expect.any(Number) })
    expect(over.headers['content-type']).toMatch(/^application\/problem\+json/)
    // Another address is not held back.
    expect((await anon('POST', '/api/public/cases', { payload: {} })).statusCode).toBe(400)
  })
})

describe('rating the result', () => {
  it('refuses a rating before the case is closed', async () => {
    const p = await place()
    const r = await reportPublicly(p.point)
    const early = await rate(r.no, r.token, { version: 1, rating: 5 })
    expect(early.statusCode).toBe(409)
    expect(early.json().code).toBe('case.invalid_transition')
    expect((await rate(r.no, 'wgt_wrong', { version: 1, rating: 5 })).statusCode).toBe(404)
  })

  it('takes one rating of a closed case, with its words, and shows only the public side of the loop', async () => {
    const p = await place()
    const r = await reportPublicly(p.point)
    const version = await closeLoop(p, r.id)

    const closed = (await track(r.no, r.token)).json()
    expect(closed).toMatchObject({ state: 'closed', stateName: { zh: '已结案' }, canRate: true, version })
    expect(closed.timeline.map((s: { action: string }) => s.action)).toEqual([
      'report',
      'accept',
      'dispatch',
      'handle',
      'verify',
      'close',
    ])
    expect(closed.timeline[1]).toEqual({
      action: 'accept',
      actionName: { zh: '受理立案', en: 'Accept' },
      to: 'accepted',
      toName: { zh: '已立案', en: 'Accepted' },
      at: expect.any(String),
      publicText: '已受理',
      by: 'staff',
    })
    const body = JSON.stringify(closed)
    for (const hidden of ['内部备注', 'street_chief', 'department_staff', p.department, '测试用户'])
      expect(body).not.toContain(hidden)

    const stale = await rate(r.no, r.token, { version: version - 1, rating: 5 })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().code).toBe('case.version_conflict')

    const rated = await rate(r.no, r.token, { version, rating: 5, text: '处理及时，很满意' })
    expect(rated.statusCode, rated.body).toBe(200)
    expect(rated.json()).toMatchObject({
      state: 'closed',
      rating: 5,
      ratingText: '处理及时，很满意',
      canRate: false,
    })
    expect(rated.json().timeline.at(-1)).toMatchObject({
      action: 'rate',
      publicText: '处理及时，很满意',
      by: 'resident',
    })
    const [row] = await queryRows<{ rating: number; rating_text: string }>(
      t.database.db,
      sql`select rating, rating_text from cases where id = ${r.id}`,
    )
    expect(row).toEqual({ rating: 5, rating_text: '处理及时，很满意' })

    const again = await rate(r.no, r.token, { version: rated.json().version, rating: 1 })
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('case.already_rated')
  })

  it('reopens the case on a rating of 2 or less, and lets the next closing be rated again', async () => {
    const p = await place()
    const r = await reportPublicly(p.point)
    const version = await closeLoop(p, r.id)

    const bad = await rate(r.no, r.token, { version, rating: 2, text: '垃圾还在' })
    expect(bad.statusCode, bad.body).toBe(200)
    expect(bad.json()).toMatchObject({
      state: 'reopened',
      stateName: { zh: '返工' },
      rating: 2,
      canRate: false,
    })
    const staffView = (await staffGet(`/api/cases/${r.id}`, p.people.streetChief.cookie)).json()
    expect(staffView.state).toBe('reopened')
    expect(staffView.timeline.at(-1)).toMatchObject({
      action: 'rate',
      role: 'resident',
      data: { rating: 2, reopened: true },
    })

    // Handled again and closed again: the reporter may rate the new result.
    const { worker, streetChief, officer } = p.people
    let c = staffView
    for (const [action, body, cookie] of [
      ['start', {}, officer.cookie],
      ['handle', {}, officer.cookie],
      ['verify', { pass: true }, worker.cookie],
      ['close', {}, streetChief.cookie],
    ] as const) {
      const res = await t.act(r.id, action, { version: c.version, ...body }, cookie)
      expect(res.statusCode, res.body).toBe(200)
      c = res.json()
    }
    expect((await track(r.no, r.token)).json()).toMatchObject({ state: 'closed', canRate: true })
    const good = await rate(r.no, r.token, { version: c.version, rating: 4 })
    expect(good.json()).toMatchObject({ state: 'closed', rating: 4, ratingText: null, canRate: false })
  })
})
