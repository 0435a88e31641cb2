import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/support/db'
import { type Database, queryRows } from '../../db/database'
import { dataCipher, newDataKey, parseDataKey } from '../../lib/crypto'
import { createWorkCalendar } from '../cases/calendar/calendar'
import { CN_DAYS } from '../cases/calendar/calendar.cn'
import { detectWarnings } from './warnings.detect'
import { warningsRepo } from './warnings.repo'

// A Monday afternoon; the working day runs 09:00–12:00 and 13:30–17:30.
const T1 = new Date('2026-12-07T15:00:00+08:00')
const T2 = new Date('2026-12-07T17:00:00+08:00')
const cipher = dataCipher(parseDataKey(newDataKey()) as Buffer)
const deps = { calendar: createWorkCalendar({ days: CN_DAYS }), cipher }
let db: Database
const GRID = '00000000-0000-7000-8000-00000000c001'
const ROOM = '00000000-0000-7000-8000-00000000a001'

const at = (iso: string) => sql`${iso}::timestamptz`
const point = (lng: number) => sql.raw(`ST_SetSRID(ST_MakePoint(${lng}, 30.5), 4326)`)

/** An event being handled 办理 since `start`, due at `due` (China time). */
async function handling(no: string, start: string, due: string) {
  await db.db.execute(sql`insert into cases (id, no, category_code, source, state, description, level, grid_path,
      location, reported_at, stage_started_at, handle_due)
    values (gen_random_uuid(), ${no}, '06010', 'worker', 'dispatched', '处置中', 'grid', 'd0.c1.g0', ${point(104.1)},
      ${at(start)}, ${at(start)}, ${at(due)})`)
}

/** A complaint by a resident or the hotline, `daysAgo` before T1, `lng` apart, from a contact. */
async function complaint(no: string, daysAgo: number, lng: number, contact: object | null, room?: string) {
  const sealed = contact ? cipher.encrypt(JSON.stringify(contact)) : null
  const [row] = await queryRows<{ id: string }>(
    db.db,
    sql`insert into cases (id, no, category_code, source, state, description, level, grid_path, location,
        reported_at, reporter_contact)
      values (gen_random_uuid(), ${no}, '01001', 'hotline', 'reported', '噪音扰民', 'grid', 'd0.c1.g0', ${point(lng)},
        ${T1}::timestamptz - ${daysAgo} * interval '1 day', ${sealed}) returning id`,
  )
  if (room)
    await db.db.execute(
      sql`insert into case_subjects (case_id, subject_type, subject_id) values (${row?.id}, 'room', ${room})`,
    )
}

/** A member of a special group whose next visit falls due on `due`. */
async function member(name: string, due: string) {
  const [person] = await queryRows<{ id: string }>(
    db.db,
    sql`insert into people (id, grid_id, grid_path, kind, id_type, name)
      values (gen_random_uuid(), ${GRID}, 'd0.c1.g0', 'registered', 'resident', ${name}) returning id`,
  )
  const [m] = await queryRows<{ id: string }>(
    db.db,
    sql`insert into group_memberships (id, person_id, grid_id, grid_path, group_code, attention, starts_on, next_visit_due)
      values (gen_random_uuid(), ${person?.id}, ${GRID}, 'd0.c1.g0', '06', 1, '2026-01-01', ${due}) returning id`,
  )
  return m?.id as string
}

const found = (rule: string) =>
  queryRows<{
    id: string
    level: string
    state: string
    reason: string | null
    title_zh: string
    dedup_key: string
    inputs: Record<string, unknown>
  }>(
    db.db,
    sql`select id, level, state, reason, title_zh, dedup_key, inputs from warnings where rule = ${rule}
      order by title_zh, created_at`,
  )

beforeAll(async () => {
  db = await testDatabase()
  await db.db.execute(sql`insert into grids (id, code, name, level, path, boundary)
    values (${GRID}, '9001', '幸福网格', 'grid', 'd0.c1.g0', ST_Multi(ST_MakeEnvelope(104, 30, 105, 31, 4326)))`)
  // Deadlines: N1 has used 82 % of its limit, N2 86 %, P is a working day overdue, G has days left.
  await handling('N1', '2026-12-07T09:00:00+08:00', '2026-12-07T16:00:00+08:00')
  await handling('N2', '2026-12-07T09:00:00+08:00', '2026-12-07T15:45:00+08:00')
  await handling('P', '2026-12-03T09:00:00+08:00', '2026-12-04T17:30:00+08:00')
  await handling('G', '2026-12-07T14:00:00+08:00', '2026-12-10T17:30:00+08:00')
  // One caller three times in a month, their number written three ways, a kilometre apart each time;
  // three neighbours once each; three callers about one room 户室 (one household).
  await complaint('A1', 25, 104.2, { phone: '13800138000' })
  await complaint('A2', 12, 104.21, { name: '王', phone: '+86 138 0013 8000' })
  await complaint('A3', 2, 104.22, { phone: '138-0013-8000' })
  await complaint('B1', 5, 104.3, { phone: '13900000001' })
  await complaint('B2', 4, 104.31, { phone: '13900000002' })
  await complaint('B3', 3, 104.32, { phone: '13900000003' })
  await complaint('R1', 9, 104.4, { phone: '13700000001' }, ROOM)
  await complaint('R2', 6, 104.41, null, ROOM)
  await complaint('R3', 1, 104.42, { phone: '13700000003' }, ROOM)
  // Visits: one person missed hers five days ago, one was visited in time (next due in a week).
  await db.db.execute(sql`insert into ledger_codes (code_table, code, zh, en)
    values ('special_group', '06', '独居老人', 'Elderly living alone') on conflict do nothing`)
  await db.db.execute(sql`insert into visit_policies (group_code, min_attention, every_days)
    values ('06', 1, 30) on conflict do nothing`)
  await member('李四', '2026-12-02')
  await member('张三', '2026-12-14')
})
afterAll(() => db?.close())

describe('deadlines 时限预警', () => {
  it('warns yellow of events near their deadline, red of those past it, nothing of those with time left', async () => {
    await detectWarnings(db.db, T1, deps)
    const seen = await found('deadline')
    expect(seen.map((w) => [w.inputs.caseNo, w.level, w.inputs.stage])).toEqual([
      ['N1', 'yellow', 'handle'],
      ['N2', 'yellow', 'handle'],
      ['P', 'red', 'handle'],
    ])
    expect(seen[0]?.title_zh).toBe('事件 N1（暴露垃圾）办理临近时限：已用 82% 时限，12-07 16:00 到期')
    expect(seen[2]?.title_zh).toContain('办理已超期：应于 12-04 17:30 前完成')
  })

  it('turns the same warning red once past, and raises overdue anew when the near one was settled', async () => {
    const [n1, n2] = await found('deadline')
    await warningsRepo.settle(db.db, n1?.id ?? '', {
      state: 'acknowledged',
      by: null as unknown as string,
      at: T1,
      reason: '已电话催办',
    })
    await detectWarnings(db.db, T2, deps)
    const seen = await found('deadline')
    const of = (no: string) => seen.filter((w) => w.inputs.caseNo === no).map((w) => [w.level, w.state])
    expect(of('N2')).toEqual([['red', 'open']])
    expect(seen.find((w) => w.inputs.caseNo === 'N2')?.id).toBe(n2?.id)
    // N1 was acknowledged while near: that stays as it was, and its overdue is a warning of its own.
    expect(of('N1')).toEqual([
      ['yellow', 'acknowledged'],
      ['red', 'open'],
    ])
    // A later run raises nothing new.
    expect(await detectWarnings(db.db, new Date(T2.getTime() + 600_000), deps)).toEqual([])
  })

  it('is settled by the system, with why, when the event closes or its deadline moves', async () => {
    await db.db.execute(sql`update cases set state = 'closed' where no = 'P'`)
    await db.db.execute(sql`update cases set handle_due = ${at('2026-12-11T17:30:00+08:00')} where no = 'N2'`)
    await detectWarnings(db.db, new Date(T2.getTime() + 1_200_000), deps)
    const seen = await found('deadline')
    const of = (no: string) => seen.filter((w) => w.inputs.caseNo === no).map((w) => [w.state, w.reason])
    expect(of('P')).toEqual([['resolved', 'case_closed']])
    expect(of('N2')).toEqual([['resolved', 'deadline_moved']])
    expect(of('N1')).toEqual([
      ['acknowledged', '已电话催办'],
      ['open', null],
    ])
  })
})

describe('repeat complaints from one household or one reporter 同户/同人重复诉求', () => {
  it('warns of one caller three times and one household three times, not of three neighbours once', async () => {
    const seen = await found('repeat_household')
    const nos = async (ids: unknown) =>
      (
        await queryRows<{ no: string }>(
          db.db,
          sql`select no from cases where id = any(${`{${(ids as string[]).join(',')}}`}::uuid[]) order by no`,
        )
      ).map((r) => r.no)
    expect(seen).toHaveLength(2)
    const byCaller = seen.find((w) => (w.inputs.linkedBy as string[]).includes('phone'))
    const byRoom = seen.find((w) => (w.inputs.linkedBy as string[]).includes('household'))
    expect(await nos(byCaller?.inputs.cases)).toEqual(['A1', 'A2', 'A3'])
    expect(await nos(byRoom?.inputs.cases)).toEqual(['R1', 'R2', 'R3'])
    expect(byCaller?.title_zh).toBe('同一反映人 30 天内反映诉求 3 次，以市政公用设施类为主')
    expect(byRoom?.title_zh).toContain('同一住户')
    // Who complained is compared, never kept: no phone, in any form, in what the warning holds.
    const kept = JSON.stringify(seen)
    for (const digits of ['13800138000', '0013', '13700000001']) expect(kept).not.toContain(digits)
  })
})

describe('missed visits 走访逾期', () => {
  it('warns of a missed visit by group and grid, without the person, and not of one visited in time', async () => {
    const seen = await found('visit_missed')
    expect(seen).toHaveLength(1)
    expect(seen[0]?.title_zh).toBe(
      '幸福网格有一名独居老人（重点人群）已超过走访计划 5 天未走访（应于 2026-12-02 前）',
    )
    expect(seen[0]?.inputs).toMatchObject({ groupCode: '06', due: '2026-12-02', daysLate: 5, everyDays: 30 })
    expect(JSON.stringify(seen)).not.toMatch(/李四|张三/)
  })

  it('is settled by the system once the visit is made', async () => {
    await db.db.execute(
      sql`update group_memberships set next_visit_due = '2027-01-06' where next_visit_due = '2026-12-02'`,
    )
    await detectWarnings(db.db, new Date(T2.getTime() + 1_800_000), deps)
    expect((await found('visit_missed')).map((w) => [w.state, w.reason])).toEqual([
      ['resolved', 'no_longer_overdue'],
    ])
  })
})
