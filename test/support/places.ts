import { expect } from 'vitest'
import type { TestApp } from './app'
import { box } from './geo'
import { jpeg } from './images'

/**
 * A district → street → community → grid → micro-grid chain of its own (district code `d`, south-west
 * corner at x, 30), a sanitation department serving it, and the people of the loop, signed in.
 */
export async function casePlace(t: TestApp, adminCookie: string, d: string, x: number) {
  const post = (url: string, payload: object) => t.call({ method: 'POST', url, cookie: adminCookie, payload })
  const grid = async (code: string, level: string, parentCode: string | null, size: number) => {
    const res = await post('/api/grids', {
      code,
      name: `${level}${d}`,
      level,
      parentCode,
      boundary: box(x, 30, size),
    })
    expect(res.statusCode, res.body).toBe(201)
    return res.json().path as string
  }
  await grid(d, 'district', null, 0.4)
  const street = await grid(`${d}001`, 'street', d, 0.3)
  const community = await grid(`${d}001001`, 'community', `${d}001`, 0.2)
  const gridPath = await grid(`${d}001001001`, 'grid', `${d}001001`, 0.1)
  const micro = await grid(`${d}001001001001`, 'micro', `${d}001001001`, 0.05)
  const department = `san${d}`
  const dept = await post('/api/departments', { code: department, name: '环卫所', kind: 'sanitation' })
  expect(dept.statusCode, dept.body).toBe(201)
  await post(`/api/departments/${department}/grids`, { gridCode: d })
  return {
    d,
    x,
    micro,
    department,
    departmentId: dept.json().id as string,
    point: { lng: x + 0.01, lat: 30.01 },
    people: {
      worker: await t.as([{ key: 'grid_worker', scope: { type: 'grid', path: gridPath } }]),
      chief: await t.as([{ key: 'community_chief', scope: { type: 'grid', path: community } }]),
      streetChief: await t.as([{ key: 'street_chief', scope: { type: 'grid', path: street } }]),
      officer: await t.as([{ key: 'department_staff', scope: { type: 'department', id: dept.json().id } }]),
    },
  }
}

export type CasePlace = Awaited<ReturnType<typeof casePlace>>

const EVIDENCE_ACTIONS = new Set(['handle', 'verify', 'self_handle'])

/**
 * What a handler or verifier does on the ground before `handle`, `verify` or `self_handle`: photograph
 * the result (the filing standards of the shipped categories ask for it). Other actions need nothing.
 */
export async function photographFor(t: TestApp, caseId: string, action: string, cookie: string) {
  if (!EVIDENCE_ACTIONS.has(action)) return
  const res = await t.call({
    method: 'POST',
    url: `/api/cases/${caseId}/attachments`,
    cookie,
    headers: { 'content-type': 'image/jpeg' },
    payload: jpeg(),
  })
  expect(res.statusCode, res.body).toBe(201)
}

/** A resident's report through the public form, leaving a name and phone number; answers its number. */
export async function residentReport(t: TestApp, point: { lng: number; lat: number }): Promise<string> {
  const reported = await t.call({
    method: 'POST',
    url: '/api/public/cases',
    payload: {
      categoryCode: '06010',
      location: point,
      description: '小区门口垃圾',
      contact: { name: '李四', phone: '13912345678' },
    },
  })
  expect(reported.statusCode, reported.body).toBe(201)
  return reported.json().no
}
