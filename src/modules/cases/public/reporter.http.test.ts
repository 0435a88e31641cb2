import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../../test/support/app'
import { queryRows } from '../../../db/database'

let t: TestApp
/** Reads the audit log (三员分立: not the system administrator's). */
let auditor: { cookie: string }
beforeAll(async () => {
  t = await testApp()
  auditor = await t.as([{ key: 'audit_admin' }])
})
afterAll(() => t?.close())

const staffGet = (url: string, cookie: string) => t.call({ method: 'GET', url, cookie })

let n = 0
/** A place of its own (`t.place`) and the loop's staff. */
const place = () => {
  n += 1
  return t.place(String(480100 + n), 70 + n, { code: `rsan${n}` })
}

const CONTACT = { name: '欧阳娜娜', phone: '13812341234', email: 'nana@example.cn' }
const REASON = '回访：核实处置结果'

/** A resident's report through the public form, leaving a contact; answers its number and id. */
async function reportPublicly(point: { lng: number; lat: number }, contact: object = CONTACT) {
  const res = await t.call({
    method: 'POST',
    url: '/api/public/cases',
    remoteAddress: `198.51.100.${n}`,
    payload: { categoryCode: '06010', location: point, description: '路边有一堆垃圾', contact },
  })
  expect(res.statusCode, res.body).toBe(201)
  const { no } = res.json() as { no: string }
  const [row] = await queryRows<{ id: string }>(t.database.db, sql`select id from cases where no = ${no}`)
  return { no, id: row?.id as string }
}

const unmasking = (url: string, reason = REASON) => `${url}?unmask=true&reason=${encodeURIComponent(reason)}`

describe('the reporter’s contact, for staff', () => {
  it('shows it masked to whoever reads the case, in clear to the case’s acceptor with the reason audited, and never to a grid worker', async () => {
    const p = await place()
    const other = await place()
    const r = await reportPublicly(p.point)
    const url = `/api/cases/${r.id}/reporter`

    const masked = await staffGet(url, p.people.worker.cookie)
    expect(masked.statusCode, masked.body).toBe(200)
    expect(masked.json()).toEqual({
      contact: { name: '欧阳**', phone: '138****1234', email: 'n***@example.cn' },
      masked: true,
      mayUnmask: false,
    })
    const refused = await staffGet(unmasking(url), p.people.worker.cookie)
    expect(refused.statusCode).toBe(403)
    expect(refused.json().code).toBe('case.contact_forbidden')
    expect((await staffGet(url, other.people.streetChief.cookie)).statusCode).toBe(404)
    expect((await t.call({ method: 'GET', url })).statusCode).toBe(401)

    expect((await staffGet(url, p.people.streetChief.cookie)).json()).toMatchObject({
      masked: true,
      mayUnmask: true,
    })
    const clear = await staffGet(unmasking(url), p.people.streetChief.cookie)
    expect(clear.statusCode, clear.body).toBe(200)
    expect(clear.json()).toEqual({ contact: CONTACT, masked: false, mayUnmask: true })

    const audit = await staffGet(`/api/audit?action=case.contact_unmask&resourceId=${r.no}`, auditor.cookie)
    const items = audit.json().items as { actorId: string; summary: Record<string, unknown> }[]
    expect(items).toHaveLength(1)
    expect(items[0]?.actorId).toBe(p.people.streetChief.id)
    expect(items[0]?.summary).toEqual({ fields: ['name', 'phone', 'email'], reason: REASON })
    expect(JSON.stringify(items[0])).not.toContain('13812341234')
  })

  it('answers 400 case.unmask_reason_required to an unmask without a reason, and reads nothing then', async () => {
    const p = await place()
    const r = await reportPublicly(p.point)
    const url = `/api/cases/${r.id}/reporter`
    for (const ask of [`${url}?unmask=true`, unmasking(url, '   ')]) {
      const res = await staffGet(ask, p.people.streetChief.cookie)
      expect(res.statusCode, ask).toBe(400)
      expect(res.json().code).toBe('case.unmask_reason_required')
      expect(res.body).not.toContain('1381234')
    }
    const written = await queryRows<{ action: string }>(
      t.database.db,
      sql`select action from audit_log where resource_id = ${r.no} or summary->'subjects' ? ${r.no}`,
    )
    expect(written.map((w) => w.action)).toEqual(['case.report'])
  })

  it('writes one personal_data.read row for each view of a contact, masked or clear, naming the case and the purpose', async () => {
    const p = await place()
    const r = await reportPublicly(p.point)
    const reads = () =>
      queryRows<{ actor_id: string; resource_type: string; summary: Record<string, unknown> }>(
        t.database.db,
        sql`select actor_id, resource_type, summary from audit_log
          where action = 'personal_data.read' and summary->'subjects' ? ${r.no} order by id`,
      )
    expect(await reads()).toEqual([])
    const url = `/api/cases/${r.id}/reporter`
    expect((await staffGet(url, p.people.worker.cookie)).statusCode).toBe(200)
    expect((await staffGet(unmasking(url), p.people.streetChief.cookie)).statusCode).toBe(200)
    const rows = await reads()
    expect(rows).toEqual([
      {
        actor_id: p.people.worker.id,
        resource_type: 'case_reporter',
        summary: {
          purpose: 'case.reporter_contact',
          subjects: [r.no],
          fields: ['name', 'phone', 'email'],
          masked: true,
        },
      },
      expect.objectContaining({
        actor_id: p.people.streetChief.id,
        summary: expect.objectContaining({ masked: false }),
      }),
    ])
    expect(JSON.stringify(rows)).not.toContain('1381234')
    // A refused view reads nothing and writes nothing.
    expect((await staffGet(unmasking(url), p.people.worker.cookie)).statusCode).toBe(403)
    expect(await reads()).toHaveLength(2)
  })

  it('answers no contact for a report that left none', async () => {
    const p = await place()
    const r = await reportPublicly(p.point, { name: '  ' })
    const res = await staffGet(`/api/cases/${r.id}/reporter`, p.people.streetChief.cookie)
    expect(res.json()).toEqual({ contact: null, masked: true, mayUnmask: true })
  })
})
