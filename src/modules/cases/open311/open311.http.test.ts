import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../../test/support/app'
import {
  type GeoReportFormat,
  type GeoReportResult,
  georeportClient,
  type Parsed,
} from '../../../../test/support/georeport-client'
import { queryRows } from '../../../db/database'
import { coarsenPoint } from '../public/public.publish'

/** Monday 23 November 2026, 10:00 China time; tests set it. */
const MONDAY = new Date('2026-11-23T10:00:00+08:00')
let now = MONDAY
let t: TestApp
let admin: { cookie: string }
/** Defines roles and issues keys (三员分立: not the system administrator's). */
let security: { cookie: string }
/** An API key whose role holds case.report only, and one whose role does not hold it. */
let reportKey: string
let readKey: string

const post = (url: string, payload: object, cookie: string) =>
  t.call({ method: 'POST', url, cookie, payload })

async function issueKey(permissions: string[]): Promise<string> {
  const role = await post(
    '/api/roles',
    {
      key: `open311_${permissions.length}_${Date.now().toString(36)}`,
      nameZh: '接口',
      nameEn: 'Open311',
      permissions,
    },
    security.cookie,
  )
  expect(role.statusCode, role.body).toBe(201)
  const key = await post(
    '/api/api-keys',
    { name: 'Open311 client', roleId: role.json().id, scope: { type: 'grid', path: '' } },
    security.cookie,
  )
  expect(key.statusCode, key.body).toBe(201)
  return key.json().key
}

/** 1,005 published requests of 乱堆杂物 an hour before MONDAY, straight into the table: enough to meet the cap. */
const BULK = { code: '06036', count: 1005 }

beforeAll(async () => {
  t = await testApp({ WANGGE_OPEN311_RATE_LIMIT: '1000' }, { clock: () => now })
  admin = await t.as([{ key: 'admin' }])
  security = await t.as([{ key: 'security_admin' }])
  reportKey = await issueKey(['case.report'])
  readKey = await issueKey(['case.read'])
  await t.database.db.execute(sql`insert into cases (id, no, category_code, source, state, urgency, description,
      location, level, reported_at, publish_consent)
    select gen_random_uuid(), 'T' || lpad(g::text, 8, '0'), ${BULK.code}, 'worker', 'reported', 'normal', '楼道口堆放杂物',
      ST_SetSRID(ST_MakePoint(100, 30), 4326), 'street', ${new Date(MONDAY.getTime() - 3600_000)}, true
    from generate_series(1, ${BULK.count}) g`)
})
afterAll(() => t?.close())

let n = 0
/** A place of its own (`t.place`) whose department 环卫所n answers as the agency responsible. */
async function place() {
  n += 1
  const p = await t.place(String(460100 + n), 60 + n, { code: `o311san${n}`, name: `环卫所${n}` })
  return { people: p.people, department: `环卫所${n}`, lat: p.point.lat, long: p.point.lng }
}

const ids = (res: GeoReportResult<Parsed[]>) => (res.data ?? []).map((r: Parsed) => r.service_request_id)

/** The standard's error list, with the HTTP status as each code, and never problem+json. */
function expectErrors(res: GeoReportResult<unknown>, status: number, description?: RegExp) {
  expect(res.status, res.raw).toBe(status)
  expect(res.contentType).not.toMatch(/problem/)
  expect(res.errors).toEqual(expect.arrayContaining([{ code: status, description: expect.any(String) }]))
  if (description) expect(res.errors?.map((e) => e.description).join(' | ')).toMatch(description)
}

describe.each(['json', 'xml'] as GeoReportFormat[])('GeoReport v2 in %s', (format) => {
  const client = (apiKey?: string) =>
    georeportClient({
      endpoint: '/open311/v2',
      format,
      apiKey,
      jurisdictionId: 'wangge.example.cn',
      // A non-browser client: no Origin, no cookie.
      send: async (r) => {
        const res = await t.app.inject({ method: r.method, url: r.url, headers: r.headers, payload: r.body })
        return { status: res.statusCode, contentType: String(res.headers['content-type']), body: res.body }
      },
    })
  const contentType = format === 'json' ? 'application/json; charset=utf-8' : 'text/xml; charset=utf-8'
  let p: Awaited<ReturnType<typeof place>>
  beforeAll(async () => {
    p = await place()
  })

  it('describes itself in discovery', async () => {
    const res = await client().serviceDiscovery()
    expect(res.status).toBe(200)
    expect(res.contentType).toBe(contentType)
    if (format === 'xml') expect(res.raw.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true)
    expect(res.data).toMatchObject({
      changeset: expect.any(String),
      contact: expect.stringContaining('12345'),
    })
    expect(res.data.endpoints).toEqual([
      expect.objectContaining({
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: expect.stringMatching(/^http:\/\/localhost(:80)?\/open311\/v2$/),
        type: 'production',
        formats: ['text/xml', 'application/json'],
      }),
    ])
  })

  it('lists the public small classes as services, grouped by their big class', async () => {
    const res = await client().serviceList()
    expect(res.status).toBe(200)
    expect(res.contentType).toBe(contentType)
    const services = res.data ?? []
    expect(services.find((s: Parsed) => s.service_code === '06010')).toEqual({
      service_code: '06010',
      service_name: '暴露垃圾',
      description: expect.stringContaining('垃圾'),
      metadata: false,
      type: 'realtime',
      keywords: expect.stringContaining('E0110'),
      group: '市容环境类',
    })
    expect(services.find((s: Parsed) => s.service_code === '01037')).toMatchObject({ metadata: true })
    // Social-governance classes reported through staff only (治安隐患 22, 特殊人群 …) are not offered.
    const bigClasses = new Set(services.map((s: Parsed) => s.service_code.slice(0, 2)))
    expect(bigClasses.has('21')).toBe(true)
    expect(bigClasses.has('22')).toBe(false)
  })

  it('defines a service’s attributes from its category’s extra fields', async () => {
    const res = await client().serviceDefinition('01037')
    expect(res.status, res.raw).toBe(200)
    expect(res.data).toEqual({
      service_code: '01037',
      attributes: [
        {
          variable: true,
          code: 'lamp_state',
          datatype: 'singlevaluelist',
          required: true,
          datatype_description: expect.any(String),
          order: 1,
          description: '路灯状况',
          values: expect.arrayContaining([{ key: 'off', name: '不亮' }]),
        },
        {
          variable: true,
          code: 'pole_number',
          datatype: 'string',
          required: false,
          datatype_description: expect.any(String),
          order: 2,
          description: '灯杆编号',
          values: [],
        },
      ],
    })
    const plain = await client().serviceDefinition('06010')
    expect(plain.data).toEqual({ service_code: '06010', attributes: [] })
    expectErrors(await client().serviceDefinition('99999'), 404)
  })

  it('takes a request with an API key, keeps its answers and photo link for staff, publishes none of them, and never keeps the requester’s contact in clear', async () => {
    now = MONDAY
    const res = await client(reportKey).submitRequest(
      {
        service_code: '01037',
        lat: p.lat,
        long: p.long,
        address_string: '人民路 12 号对面',
        description: '路灯整晚不亮',
        media_url: 'https://photos.example.cn/lamp.jpg',
        email: 'zhang.san@example.cn',
        phone: '13812341234',
        first_name: '三',
        last_name: '张',
        device_id: 'device-42',
        account_id: 'acct-7',
      },
      { lamp_state: 'off', pole_number: 'LD-0042', fixmystreet_id: 'fms-99177', publish: 'true' },
    )
    expect(res.status, res.raw).toBe(200)
    expect(res.contentType).toBe(contentType)
    const [posted] = res.data ?? []
    expect(posted).toEqual({
      service_request_id: expect.stringMatching(/^E20261123\d{6}$/),
      service_notice: expect.stringContaining('工作'),
      account_id: 'acct-7',
    })
    const no = posted.service_request_id

    const found = await client().serviceRequests({ service_request_id: no, extensions: 'true' })
    expect(found.status, found.raw).toBe(200)
    expect(found.data).toEqual([
      expect.objectContaining({
        service_request_id: no,
        status: 'open',
        service_code: '01037',
        service_name: '路灯异常',
        // No staff-approved text yet: the category's name, never the words posted.
        description: '路灯异常',
        address: '人民路',
        lat: coarsenPoint({ lng: p.long, lat: p.lat }, 100).lat,
        long: coarsenPoint({ lng: p.long, lat: p.lat }, 100).lng,
        media_url: null,
        requested_datetime: MONDAY.toISOString(),
        updated_datetime: MONDAY.toISOString(),
        expected_datetime: expect.any(String),
        agency_responsible: null,
        attributes: [],
        extended_attributes: {
          detailed_status: 'OPEN',
          state: 'reported',
          state_name: '待受理',
        },
      }),
    ])
    for (const unpublished of ['路灯整晚不亮', '12 号', 'photos.example.cn', 'LD-0042', 'integration'])
      expect(found.raw).not.toContain(unpublished)
    expect(await client().token(no)).toMatchObject({
      status: 200,
      data: [{ service_request_id: no, token: no }],
    })

    // The contact is kept encrypted (for staff, masked); nothing of it, or of the device, lies in clear.
    const [row] = await queryRows<{
      id: string
      source: string
      reporter_contact: string
      everything: string
    }>(
      t.database.db,
      sql`select c.id, c.source, c.reporter_contact,
          (select json_agg(t) from case_transitions t where t.case_id = c.id)::text || row_to_json(c)::text as everything
        from cases c where c.no = ${no}`,
    )
    expect(row?.source).toBe('integration')
    expect(row?.reporter_contact).toMatch(/^v1\./)
    for (const secret of [
      'zhang.san',
      '13812341234',
      '张三',
      'device-42',
      'acct-7',
      'fixmystreet',
      'fms-99177',
    ])
      expect(row?.everything).not.toContain(secret)
    const staffView = (
      await t.call({ method: 'GET', url: `/api/cases/${row?.id}`, cookie: admin.cookie })
    ).json()
    expect(staffView.timeline[0]).toMatchObject({
      role: 'integration',
      data: { attributes: { lamp_state: 'off', pole_number: 'LD-0042' } },
    })
  })

  it('shows a request go from open to closed as the loop runs, with the public history and no private note', async () => {
    now = MONDAY
    const { streetChief, officer, worker } = p.people
    const [posted] =
      (
        await client(reportKey).submitRequest(
          { service_code: '06010', lat: p.lat, long: p.long },
          { publish: 'true' },
        )
      ).data ?? []
    const no = posted.service_request_id
    const [open] = (await client().serviceRequest(no)).data ?? []
    expect(open).toMatchObject({ status: 'open', description: '暴露垃圾', status_notes: null })
    expect(open.notes).toBeUndefined()

    const list = (
      await t.call({ method: 'GET', url: '/api/cases?queue=to_accept', cookie: streetChief.cookie })
    ).json()
    let c = list.items.find((i: { no: string }) => i.no === no)
    expect(c, 'the street sees the request in its queue').toBeDefined()
    const step = async (action: string, body: Record<string, unknown>, cookie: string) => {
      const res = await t.act(c.id, action, { version: c.version, ...body }, cookie)
      expect(res.statusCode, res.body).toBe(200)
      c = res.json()
    }
    await step(
      'accept',
      { publicText: '已受理，将尽快清运', note: '内部：先联系保洁班组长' },
      streetChief.cookie,
    )
    await step('dispatch', {}, streetChief.cookie)
    now = new Date('2026-11-23T11:00:00+08:00')
    await step('handle', { publicText: '垃圾已清运' }, officer.cookie)
    await step('verify', { pass: true }, worker.cookie)
    now = new Date('2026-11-23T11:30:00+08:00')
    await step('close', {}, streetChief.cookie)
    now = MONDAY

    const res = await client().serviceRequest(no, { extensions: 'true' })
    expect(res.status, res.raw).toBe(200)
    const [closed] = res.data ?? []
    expect(closed).toMatchObject({
      status: 'closed',
      status_notes: '垃圾已清运',
      agency_responsible: p.department,
      updated_datetime: new Date('2026-11-23T11:30:00+08:00').toISOString(),
      expected_datetime: null,
      extended_attributes: { detailed_status: 'FIXED', state: 'closed' },
    })
    expect(closed.notes.map((x: Parsed) => x.type)).toEqual([
      'report',
      'accept',
      'dispatch',
      'handle',
      'verify',
      'close',
    ])
    expect(closed.notes[1]).toEqual({
      datetime: MONDAY.toISOString(),
      type: 'accept',
      summary: '受理立案',
      description: '已受理，将尽快清运',
      status: 'open',
      detailed_status: 'INVESTIGATING',
    })
    expect(res.raw).not.toContain('内部')
    expect(res.raw).not.toContain('测试用户')

    const byStatus = async (status: string) =>
      ids(await client().serviceRequests({ service_code: '06010', status }))
    expect(await byStatus('closed')).toContain(no)
    expect(await byStatus('open')).not.toContain(no)
    expect(await byStatus('open,closed')).toContain(no)
    // An empty parameter is an absent one.
    expect(await byStatus('')).toContain(no)
  })

  it('publishes nothing of a social-governance matter, not even by its number', async () => {
    now = MONDAY
    const [posted] =
      (
        await client(reportKey).submitRequest(
          {
            service_code: '21001',
            lat: p.lat,
            long: p.long,
            description: '楼上邻居深夜噪音，多次沟通无果',
          },
          { parties: '2', escalation_risk: 'low', publish: 'true' },
        )
      ).data ?? []
    const no = posted.service_request_id
    expectErrors(await client().serviceRequest(no, { extensions: 'true' }), 404)
    expectErrors(await client().token(no), 404)
    expect(ids(await client().serviceRequests({ service_code: '21001' }))).not.toContain(no)
  })

  it('lists a posted request only when the client sends attribute[publish]=true for its reporter', async () => {
    now = MONDAY
    const submit = async (attributes: Record<string, string>) => {
      const res = await client(reportKey).submitRequest(
        { service_code: '06010', lat: p.lat, long: p.long },
        attributes,
      )
      expect(res.status, res.raw).toBe(200)
      return (res.data ?? [])[0].service_request_id
    }
    for (const unasked of [await submit({}), await submit({ publish: 'false' })]) {
      expectErrors(await client().serviceRequest(unasked), 404)
      expectErrors(await client().token(unasked), 404)
      expect(ids(await client().serviceRequests({ service_code: '06010' }))).not.toContain(unasked)
    }
    const agreed = await submit({ publish: 'true' })
    expect(ids(await client().serviceRequests({ service_code: '06010' }))).toContain(agreed)
    expectErrors(
      await client(reportKey).submitRequest(
        { service_code: '06010', lat: p.lat, long: p.long },
        { publish: 'yes' },
      ),
      400,
      /publish/,
    )
  })

  it('answers each error in the standard’s format', async () => {
    const base = { service_code: '06010', lat: p.lat, long: p.long }
    expectErrors(await client().submitRequest(base), 403, /api_key/)
    expectErrors(await client('wgk_neverIssuedToAnyone000000000000000000').submitRequest(base), 403)
    expectErrors(await client(readKey).submitRequest(base), 403)
    expectErrors(
      await client(reportKey).submitRequest({ ...base, service_code: '99999' }),
      400,
      /service_code/,
    )
    expectErrors(await client(reportKey).submitRequest({ ...base, service_code: '' }), 400, /service_code/)
    expectErrors(
      await client(reportKey).submitRequest({ service_code: '06010', address_string: '人民路 12 号' }),
      400,
      /lat and long.*address_string/,
    )
    expectErrors(await client(reportKey).submitRequest({ ...base, lat: '' }), 400, /lat and long/)
    expectErrors(await client(reportKey).submitRequest({ ...base, lat: 'north' }), 400, /decimal/)
    expectErrors(await client(reportKey).submitRequest({ ...base, email: 'not-an-address' }), 400, /email/)
    const lamp = { ...base, service_code: '01037' }
    const missing = await client(reportKey).submitRequest(lamp)
    expectErrors(missing, 400, /attribute\[lamp_state\].*required/)
    expectErrors(
      await client(reportKey).submitRequest(lamp, { lamp_state: 'purple' }),
      400,
      /attribute\[lamp_state\].*one of off/,
    )
    expectErrors(await client().serviceRequest('E20000101000000'), 404)
    expectErrors(await client().token('E20000101000000'), 404)
    expectErrors(await client().serviceRequests({ status: 'pending' }), 400, /status/)
    expectErrors(await client().serviceRequests({ start_date: 'yesterday' }), 400, /start_date/)
    expectErrors(await client().serviceRequests({ page_size: '0' }), 400, /page_size/)
  })

  it('lets an API-key form post through whatever its Origin, and refuses one riding a session cookie from another site', async () => {
    const fields = { service_code: '06010', lat: p.lat, long: p.long }
    const foreign = await client(reportKey).submitRequest(fields, {}, { origin: 'https://evil.example' })
    expect(foreign.status, foreign.raw).toBe(200)
    const riding = await client(reportKey).submitRequest(
      fields,
      {},
      {
        origin: 'https://evil.example',
        cookie: admin.cookie,
      },
    )
    expectErrors(riding, 403)
  })

  it('answers the last 90 days by default, and older requests by date', async () => {
    now = new Date(MONDAY.getTime() - 120 * 86_400_000)
    const [old] =
      (
        await client(reportKey).submitRequest(
          { service_code: '06012', lat: p.lat, long: p.long },
          { publish: 'true' },
        )
      ).data ?? []
    now = MONDAY
    const recent = await client().serviceRequests({ service_code: '06012' })
    expect(recent.status).toBe(200)
    expect(ids(recent)).not.toContain(old.service_request_id)
    const since = new Date(MONDAY.getTime() - 121 * 86_400_000).toISOString()
    expect(ids(await client().serviceRequests({ service_code: '06012', start_date: since }))).toContain(
      old.service_request_id,
    )
    const until = new Date(MONDAY.getTime() - 100 * 86_400_000).toISOString()
    const between = ids(
      await client().serviceRequests({ service_code: '06012', start_date: since, end_date: until }),
    )
    expect(between).toContain(old.service_request_id)
    expect(between.every((no: string) => no.startsWith('E20260726'))).toBe(true)
    // By number, a request is found whatever its age.
    expect(ids(await client().serviceRequests({ service_request_id: old.service_request_id }))).toEqual([
      old.service_request_id,
    ])
    expectErrors(
      await client().serviceRequests({ start_date: since, end_date: MONDAY.toISOString() }),
      400,
      /90 days/,
    )
    expectErrors(await client().serviceRequests({ start_date: until, end_date: since }), 400, /before/)
  })

  it('answers at most 1,000 requests, newest first, and pages through the rest', async () => {
    const first = await client().serviceRequests({ service_code: BULK.code })
    expect(first.data).toHaveLength(1000)
    const capped = await client().serviceRequests({ service_code: BULK.code, page_size: 5000 })
    expect(capped.data).toHaveLength(1000)
    const rest = await client().serviceRequests({ service_code: BULK.code, page: 2, page_size: 1000 })
    expect(rest.data).toHaveLength(BULK.count - 1000)
    const small = await client().serviceRequests({ service_code: BULK.code, page: 2, page_size: 2 })
    expect(ids(small)).toEqual(ids(first).slice(2, 4))
  })
})

describe('GeoReport v2 paths', () => {
  it('answers an unknown format or resource with 404 in the standard’s errors', async () => {
    const csv = await t.app.inject({ method: 'GET', url: '/open311/v2/services.csv' })
    expect(csv.statusCode).toBe(404)
    expect(csv.headers['content-type']).toBe('text/xml; charset=utf-8')
    expect(csv.body).toContain('<errors><error><code>404</code>')
    const nowhere = await t.app.inject({ method: 'GET', url: '/open311/v2/nowhere.json' })
    expect(nowhere.statusCode).toBe(404)
    expect(nowhere.json()).toEqual([{ code: 404, description: expect.any(String) }])
  })

  it('takes the parameters of a POST from the query string too, and the v2.1 spelling of one request', async () => {
    const p = await place()
    const qs = new URLSearchParams({
      api_key: reportKey,
      service_code: '06010',
      lat: String(p.lat),
      long: String(p.long),
      'attribute[publish]': 'true',
    })
    const res = await t.app.inject({ method: 'POST', url: `/open311/v2/requests.json?${qs}` })
    expect(res.statusCode, res.body).toBe(200)
    const no = res.json()[0].service_request_id
    const one = await t.app.inject({ method: 'GET', url: `/open311/v2/request/${no}.json` })
    expect(one.json()[0].service_request_id).toBe(no)
  })

  it('answers a retried POST carrying the same Idempotency-Key with the same request, and refuses the key for another', async () => {
    const p = await place()
    const form = (description: string) =>
      new URLSearchParams({
        api_key: reportKey,
        service_code: '06010',
        lat: String(p.lat),
        long: String(p.long),
        description,
      }).toString()
    const send = (description: string, key: string) =>
      t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': key },
        payload: form(description),
      })
    const key = `o311-retry-${p.lat}`
    const first = await send('井盖缺失', key)
    const again = await send('井盖缺失', key)
    expect(first.statusCode, first.body).toBe(200)
    expect(again.json()[0].service_request_id).toBe(first.json()[0].service_request_id)
    const reordered = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': key },
      payload: new URLSearchParams([...new URLSearchParams(form('井盖缺失'))].reverse()).toString(),
    })
    expect(reordered.json()[0].service_request_id).toBe(first.json()[0].service_request_id)
    const other = await send('道路破损', key)
    expect(other.statusCode).toBe(400)
    expect(other.json()[0].description).toMatch(/Idempotency-Key/)
    const bad = await send('井盖缺失', 'no')
    expect(bad.statusCode).toBe(400)
  })
})
