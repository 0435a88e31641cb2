import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import { queryRows } from '../../db/database'
import { systemContext } from '../../lib/context'
import { recordPersonalDataRead, SUBJECTS_PER_ROW } from './audit.personal-data'

let t: TestApp
beforeAll(async () => {
  t = await testApp()
})
afterAll(() => t?.close())

const rowsFor = (purpose: string) =>
  queryRows<{ resource_id: string | null; summary: { subjects: string[]; purpose: string } }>(
    t.database.db,
    sql`select resource_id, summary from audit_log
      where action = 'personal_data.read' and summary->>'purpose' = ${purpose} order by id`,
  )

describe('recordPersonalDataRead', () => {
  it('names a page of 100 subjects in one row', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `E20261205${String(i).padStart(6, '0')}`)
    await recordPersonalDataRead(t.database.db, systemContext('test'), {
      subjectType: 'case_reporter',
      subjectIds: [...ids, ids[0] as string],
      purpose: 'test.page',
    })
    const rows = await rowsFor('test.page')
    expect(rows).toHaveLength(1)
    expect(rows[0]?.summary.subjects).toEqual(ids)
    expect(rows[0]?.resource_id).toBeNull()
  })

  it('splits a large export into rows of a bounded size, and writes nothing when nothing was read', async () => {
    const ids = Array.from({ length: SUBJECTS_PER_ROW + 5 }, (_, i) => `p${i}`)
    await recordPersonalDataRead(t.database.db, systemContext('test'), {
      subjectType: 'person',
      subjectIds: ids,
      purpose: 'test.export',
    })
    const rows = await rowsFor('test.export')
    expect(rows.map((r) => r.summary.subjects.length)).toEqual([SUBJECTS_PER_ROW, 5])
    await recordPersonalDataRead(t.database.db, systemContext('test'), {
      subjectType: 'person',
      subjectIds: [],
      purpose: 'test.nothing',
    })
    expect(await rowsFor('test.nothing')).toEqual([])
  })
})
