import { expect } from 'vitest'
import type { StaffedPlace, TestApp } from './app'

/** A place of its own with the people of the loop signed in (`t.place`, built on `make.place`). */
export type CasePlace = StaffedPlace

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
