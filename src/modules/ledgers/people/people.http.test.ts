import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../../test/support/app'
import { queryRows } from '../../../db/database'
import { idCheckCharacter } from '../validate/id-number'

let t: TestApp
let a: StaffedPlace
/** Grid B: a sibling of A's grid in the same community, with its own worker. */
let gridB: { code: string; path: string }
let workerB: { id: string; cookie: string }
let clerk: { cookie: string }
let instructor: { cookie: string }
const microA = () => `${a.d}001001001001`

beforeAll(async () => {
  t = await testApp()
  a = await t.place('510104', 104)
  gridB = await t.make.grid({
    code: '510104001001002',
    level: 'grid',
    parent: '510104001001',
    at: { x: 104.1, y: 30.1, size: 0.05 },
  })
  workerB = await t.as([{ key: 'grid_worker', scope: { type: 'grid', path: gridB.path } }])
  clerk = await t.as([{ key: 'intake_clerk', scope: { type: 'grid', path: a.paths.district } }])
  instructor = await t.as([{ key: 'grid_instructor', scope: { type: 'grid', path: a.paths.grid } }])
}, 120_000)
afterAll(() => t?.close())

let serial = 0
/** A fresh valid resident ID number born on 1980-01-01 + n days (never the same twice). */
function idNumber(): string {
  serial += 1
  const born = new Date(Date.UTC(1980, 0, 1) + serial * 86_400_000)
  const ymd = born.toISOString().slice(0, 10).replaceAll('-', '')
  const first17 = `110105${ymd}${String(100 + serial).slice(-3)}`
  return first17 + idCheckCharacter(first17)
}
const phone = () => `139${String(10_000_000 + serial * 7919).slice(-8)}`

const call = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.call({ method, url, cookie, ...(payload ? { payload } : {}) })

async function create(overrides: Record<string, unknown> = {}, cookie = a.people.worker.cookie) {
  const body = {
    kind: '户籍人口',
    name: '张三丰',
    idNumber: idNumber(),
    gridCode: microA(),
    phone: phone(),
    currentAddress: '东大街100号3栋1203室',
    ethnicity: '汉族',
    ...overrides,
  }
  const res = await call(cookie, 'POST', '/api/people', body)
  return { res, body, id: res.json().id as string }
}

const peopleCount = async () =>
  (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from people`))[0]?.n

describe('people: create, read, search', () => {
  it('registers a person and shows them masked, with what the reader may do', async () => {
    const { res, body } = await create()
    expect(res.statusCode).toBe(201)
    const view = res.json()
    expect(view.name).toBe('张**')
    expect(view.idNumber).toBe(`${body.idNumber.slice(0, 6)}********${body.idNumber.slice(-4)}`)
    expect(view.phone).toBe(`${body.phone.slice(0, 3)}****${body.phone.slice(-4)}`)
    expect(view.currentAddress).toBe('东大街****')
    expect(view.masked).toBe(true)
    expect(view.abilities).toEqual(['update', 'delete', 'unmask'])
    expect(view.grid.code).toBe(microA())
    expect(view.codes.ethnicity).toMatchObject({ code: '01', zh: '汉族' })
    expect(view.changes).toHaveLength(1)
    const chief = await call(a.people.chief.cookie, 'GET', `/api/people/${view.id}`)
    expect(chief.json().abilities).toEqual(['update', 'delete', 'unmask', 'access_log'])
  })

  it('searches by ID number and phone exactly, by name in part with wildcards taken literally', async () => {
    const { body, id } = await create({ name: '李%娜' })
    await create({ name: '李大娜' })
    const list = (q: string) =>
      call(a.people.worker.cookie, 'GET', `/api/people?q=${encodeURIComponent(q)}`).then((r) => r.json())
    const byId = await list(body.idNumber)
    expect(byId.searched).toBe('id_number')
    expect(byId.items.map((p: { id: string }) => p.id)).toEqual([id])
    expect((await list(body.idNumber.slice(0, 17))).items).toEqual([])
    const byPhone = await list(body.phone)
    expect(byPhone.searched).toBe('phone')
    expect(byPhone.items.map((p: { id: string }) => p.id)).toEqual([id])
    const byName = await list('%')
    expect(byName.searched).toBe('name')
    expect(byName.items.map((p: { id: string }) => p.id)).toEqual([id])
    expect((await list('大娜')).items).toHaveLength(1)
    expect((await list('李')).items.length).toBeGreaterThanOrEqual(2)
  })

  it('pages by name then id, filters by kind and grid, and audits each page read once', async () => {
    for (const name of ['王一', '王二', '王三']) await create({ name })
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const url: string = `/api/people?q=${encodeURIComponent('王')}&limit=2${cursor ? `&cursor=${cursor}` : ''}`
      const page = (await call(a.people.worker.cookie, 'GET', url)).json()
      seen.push(...page.items.map((p: { id: string }) => p.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toHaveLength(3)
    expect(new Set(seen).size).toBe(3)
    const floating = await call(a.people.worker.cookie, 'GET', '/api/people?kind=floating')
    expect(floating.json().items).toEqual([])
    const inB = await call(a.people.chief.cookie, 'GET', `/api/people?grid=${gridB.code}`)
    expect(inB.json().items).toEqual([])
    const reads = await queryRows<{ summary: { purpose: string; masked: boolean; subjects: string[] } }>(
      t.database.db,
      sql`select summary from audit_log where action = 'personal_data.read' and summary->>'purpose' = 'ledger.people'`,
    )
    expect(reads.length).toBeGreaterThan(0)
    expect(reads.every((r) => r.summary.masked === true)).toBe(true)
  })

  it('filters by tag and by special group, and shows the events that concern the person', async () => {
    const tagged = await create({ name: '标签人' })
    await t.database.db.execute(sql`update people set tags = array['独居'] where id = ${tagged.id}`)
    const byTag = await call(a.people.worker.cookie, 'GET', `/api/people?tag=${encodeURIComponent('独居')}`)
    expect(byTag.json().items.map((p: { id: string }) => p.id)).toEqual([tagged.id])
    const [grid] = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id from grids where code = ${microA()}`,
    )
    await t.database.db.execute(sql`insert into group_memberships (id, person_id, grid_id, grid_path, group_code,
      starts_on) values (gen_random_uuid(), ${tagged.id}, ${grid?.id}, ${a.micro}::ltree, 'disabled', current_date)`)
    const byGroup = await call(a.people.worker.cookie, 'GET', '/api/people?group=disabled')
    expect(byGroup.json().items.map((p: { id: string }) => p.id)).toEqual([tagged.id])
    expect((await call(workerB.cookie, 'GET', '/api/people?group=disabled')).json().items).toEqual([])
    const event = await t.make.case({ place: a })
    await t.database.db.execute(sql`insert into case_subjects (case_id, subject_type, subject_id)
      values (${event.id}, 'person', ${tagged.id})`)
    const profile = (await call(a.people.worker.cookie, 'GET', `/api/people/${tagged.id}`)).json()
    expect(profile.events).toEqual([expect.objectContaining({ id: event.id, number: event.no })])
    expect(profile.groups).toEqual([expect.objectContaining({ groupCode: 'disabled', zh: '残疾人' })])
  })

  it('refuses a bad cursor', async () => {
    const res = await call(a.people.worker.cookie, 'GET', '/api/people?cursor=nonsense')
    expect(res.json().code).toBe('ledger.bad_cursor')
  })
})

describe('people: foreign residents', () => {
  it('masks the name in Latin letters too, and shows it in clear only on unmask', async () => {
    const { res, id } = await create({
      kind: '境外人员',
      name: 'SMITH JOHN',
      englishName: 'SMITH JOHN',
      idNumber: 'E12345678',
      nationality: '美国',
    })
    expect(res.statusCode).toBe(201)
    expect(res.json().idType).toBe('passport')
    expect(res.body).not.toContain('SMITH JOHN')
    expect(res.body).not.toContain('E12345678')
    const list = await call(a.people.worker.cookie, 'GET', '/api/people?q=e12345678')
    expect(list.json()).toMatchObject({ searched: 'id_number', items: [{ id }] })
    const clear = await call(a.people.worker.cookie, 'POST', `/api/people/${id}/unmask`, {
      reason: '核对护照信息',
    })
    expect(clear.json()).toMatchObject({
      name: 'SMITH JOHN',
      englishName: 'SMITH JOHN',
      idNumber: 'E12345678',
    })
  })
})

describe('people: bad input is a 400 naming each field, and writes nothing', () => {
  it.each([
    ['a name too long', { name: '张'.repeat(51) }, 'name', 'ledger.too_long'],
    ['a wrong check character', { idNumber: '110105194912310021' }, 'idNumber', 'ledger.id_number.check'],
    ['an unknown code', { ethnicity: '火星族' }, 'ethnicity', 'ledger.unknown_code'],
    ['a missing name', { name: '' }, 'name', 'ledger.required'],
    ['a bad phone', { phone: '12345678901234' }, 'phone', 'ledger.phone.format'],
  ])('%s', async (_what, overrides, field, code) => {
    const before = await peopleCount()
    const { res } = await create(overrides)
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.json().code).toBe('ledger.invalid')
    expect(res.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]))
    expect(await peopleCount()).toBe(before)
  })

  it('refuses a NUL anywhere in the body before it reaches the checks', async () => {
    const before = await peopleCount()
    const { res } = await create({ name: '张\u0000三' })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('request.invalid_text')
    expect(await peopleCount()).toBe(before)
  })

  it('refuses a grid outside the writer’s scope as not found', async () => {
    const before = await peopleCount()
    const { res } = await create({ gridCode: gridB.code })
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('ledger.grid_not_found')
    expect((await create({ gridCode: '999999' })).res.json().code).toBe('ledger.grid_not_found')
    expect(await peopleCount()).toBe(before)
  })
})

describe('people: one file per citizen', () => {
  it('answers 409 with the existing id in scope, and only "elsewhere" outside it', async () => {
    const first = await create()
    const again = await create({ idNumber: first.body.idNumber, name: '张四' })
    expect(again.res.statusCode).toBe(409)
    expect(again.res.json()).toMatchObject({ code: 'ledger.person_exists', id: first.id })
    const fromB = await create({ idNumber: first.body.idNumber, gridCode: gridB.code }, workerB.cookie)
    expect(fromB.res.statusCode).toBe(409)
    expect(fromB.res.json().code).toBe('ledger.person_elsewhere')
    expect(fromB.res.json().id).toBeUndefined()
    expect(fromB.res.body).not.toContain(first.id)
  })
})

describe('people: changes', () => {
  it('changes some fields at the version read, keeps the history masked, and refuses a stale version', async () => {
    const { id, body } = await create()
    const newPhone = '13700001111'
    const res = await call(a.people.worker.cookie, 'PATCH', `/api/people/${id}`, {
      version: 1,
      phone: newPhone,
      occupation: '教师',
      formerName: null,
    })
    expect(res.statusCode).toBe(200)
    expect(res.json().version).toBe(2)
    expect(res.json().occupation).toBe('教师')
    const change = res.json().changes[0].changes
    expect(change.phone).toEqual([`${body.phone.slice(0, 3)}****${body.phone.slice(-4)}`, '137****1111'])
    expect(change.occupation).toEqual([null, '教师'])
    expect(res.json().changes[0].actor).not.toBe(a.people.worker.id)
    const found = await call(a.people.worker.cookie, 'GET', `/api/people?q=${newPhone}`)
    expect(found.json().items.map((p: { id: string }) => p.id)).toEqual([id])
    const old = await call(a.people.worker.cookie, 'GET', `/api/people?q=${body.phone}`)
    expect(old.json().items).toEqual([])
    const stale = await call(a.people.worker.cookie, 'PATCH', `/api/people/${id}`, {
      version: 1,
      occupation: 'x',
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().code).toBe('ledger.version_conflict')
    const bad = await call(a.people.worker.cookie, 'PATCH', `/api/people/${id}`, { version: 2, sex: '火' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors[0]).toMatchObject({ field: 'sex' })
  })

  it('refuses an ID number another person holds', async () => {
    const one = await create()
    const two = await create()
    const res = await call(a.people.worker.cookie, 'PATCH', `/api/people/${two.id}`, {
      version: 1,
      idNumber: one.body.idNumber,
    })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ code: 'ledger.person_exists', id: one.id })
  })

  it('moves a person to another micro-grid and changes their kind’s own fields in one change', async () => {
    const other = await t.make.grid({
      code: `${a.d}001001001002`,
      level: 'micro',
      parent: `${a.d}001001001`,
      at: { x: 104.05, size: 0.05 },
    })
    const { id } = await create({ kind: '流动人口', inflowReason: '务工', registeredOn: '2024-03-01' })
    const res = await call(a.people.worker.cookie, 'PATCH', `/api/people/${id}`, {
      version: 1,
      gridCode: other.code,
      inflowReason: '经商',
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ version: 2, grid: { code: other.code } })
    expect(Object.keys(res.json().changes[0].changes).sort()).toEqual(['details', 'gridCode'])
    const [row] = await queryRows<{ grid_path: string; details: Record<string, unknown> }>(
      t.database.db,
      sql`select grid_path::text as grid_path, details from people where id = ${id}`,
    )
    expect(row?.grid_path).toBe(other.path)
    expect(row?.details).toMatchObject({ inflowReason: '02' }) // 经商, by its code
  })
})

describe('people: unmask', () => {
  it('needs a reason, the permission, and is audited where the chief sees it', async () => {
    const { id, body } = await create()
    const url = `/api/people/${id}/unmask`
    const noReason = await call(a.people.worker.cookie, 'POST', url, { reason: ' 看 ' })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.json().code).toBe('ledger.unmask_reason_required')
    const denied = await call(instructor.cookie, 'POST', url, { reason: '核实走访对象身份' })
    expect(denied.statusCode).toBe(403)
    expect(denied.json().code).toBe('ledger.unmask_forbidden')
    const res = await call(a.people.worker.cookie, 'POST', url, { reason: '核实走访对象身份' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ name: '张三丰', idNumber: body.idNumber, phone: body.phone })
    expect(new Date(res.json().until).getTime() - Date.now()).toBeGreaterThan(100_000)
    const [row] = await queryRows<{ actor_id: string; summary: Record<string, unknown> }>(
      t.database.db,
      sql`select actor_id, summary from audit_log where action = 'personal_data.read' and resource_id = ${id}
        and summary->>'masked' = 'false'`,
    )
    expect(row?.actor_id).toBe(a.people.worker.id)
    expect(row?.summary).toMatchObject({ purpose: 'ledger.unmask', reason: '核实走访对象身份' })
    const log = await call(a.people.chief.cookie, 'GET', `/api/people/${id}/access-log`)
    expect(log.statusCode).toBe(200)
    expect(log.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actorId: a.people.worker.id,
          purpose: 'ledger.unmask',
          masked: false,
          reason: '核实走访对象身份',
        }),
      ]),
    )
    const wide = await call(a.people.chief.cookie, 'GET', `/api/ledgers/access-log?grid=${a.d}001001001`)
    expect(wide.json().items).toEqual(
      expect.arrayContaining([expect.objectContaining({ personId: id, personName: '张**', masked: false })]),
    )
    const workerLog = await call(a.people.worker.cookie, 'GET', `/api/people/${id}/access-log`)
    expect(workerLog.statusCode).toBe(403)
  })

  it('asks break-glass for a member of a special group, unless the reader is responsible for them', async () => {
    const { id } = await create()
    const [grid] = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id from grids where code = ${microA()}`,
    )
    const insertMembership = (responsible: string | null) =>
      t.database.db.execute(sql`insert into group_memberships (id, person_id, grid_id, grid_path, group_code,
        starts_on, responsible_user_id) values (gen_random_uuid(), ${id}, ${grid?.id}, ${a.micro}::ltree, 'released',
        current_date, ${responsible})`)
    await insertMembership(null)
    const url = `/api/people/${id}/unmask`
    const reason = { reason: '帮扶回访核对电话' }
    const view = await call(a.people.worker.cookie, 'GET', `/api/people/${id}`)
    expect(view.json().special).toBe(true)
    expect(view.json().abilities).not.toContain('unmask')
    expect(view.json().groups).toEqual([expect.objectContaining({ groupCode: 'released' })])
    expect((await call(a.people.worker.cookie, 'POST', url, reason)).statusCode).toBe(403)
    const chief = await call(a.people.chief.cookie, 'POST', url, reason)
    expect(chief.statusCode).toBe(200)
    const log = await call(a.people.chief.cookie, 'GET', `/api/people/${id}/access-log`)
    expect(log.json().items[0]).toMatchObject({ purpose: 'ledger.break_glass', actorId: a.people.chief.id })
    await insertMembership(a.people.worker.id)
    expect((await call(a.people.worker.cookie, 'POST', url, reason)).statusCode).toBe(200)
  })
})

describe('people: erase on request', () => {
  it('purges personal fields, keeps statistics, audits, and cannot be unmasked after', async () => {
    const { id, body } = await create({ kind: '流动人口', inflowReason: '务工', registeredOn: '2024-03-01' })
    const url = `/api/people/${id}/erase`
    const short = await call(a.people.worker.cookie, 'POST', url, { reason: '申请' })
    expect(short.json().code).toBe('ledger.erase_reason_required')
    expect((await call(instructor.cookie, 'POST', url, { reason: '本人书面申请删除' })).statusCode).toBe(403)
    const res = await call(a.people.worker.cookie, 'POST', url, { reason: '本人书面申请删除' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ name: '已删除', idNumber: null, phone: null, currentAddress: null })
    expect(res.json().erasedAt).not.toBeNull()
    expect(res.json().abilities).toEqual([])
    const [row] = await queryRows<Record<string, unknown>>(
      t.database.db,
      sql`select * from people where id = ${id}`,
    )
    expect(row).toMatchObject({
      kind: 'floating',
      id_number_sealed: null,
      id_number_bidx: null,
      phone_sealed: null,
      phone_bidx: null,
      current_address_sealed: null,
      ethnicity: null,
      details: {},
    })
    expect(row?.sex).toMatch(/^[12]$/)
    expect(String(row?.birth_date)).toMatch(/^1980-01-01|Jan 01 1980/)
    const unmask = await call(a.people.chief.cookie, 'POST', `/api/people/${id}/unmask`, {
      reason: '核实身份信息',
    })
    expect(unmask.statusCode).toBe(409)
    expect(unmask.json().code).toBe('ledger.person_erased')
    expect(
      (await call(a.people.worker.cookie, 'GET', `/api/people?q=${body.idNumber}`)).json().items,
    ).toEqual([])
    const [audit] = await queryRows<{ summary: { reason: string } }>(
      t.database.db,
      sql`select summary from audit_log where action = 'person.erase' and resource_id = ${id}`,
    )
    expect(audit?.summary.reason).toBe('本人书面申请删除')
    const history = await queryRows<{ changes: Record<string, unknown> }>(
      t.database.db,
      sql`select changes from ledger_changes where record_id = ${id}`,
    )
    expect(JSON.stringify(history)).not.toContain('139')
    expect((await create({ idNumber: body.idNumber })).res.statusCode).toBe(201)
  })
})

describe('people: encryption at rest', () => {
  it('keeps no ID number or phone in clear in people, ledger_changes or audit_log', async () => {
    const { id, body } = await create({ name: '赵明' })
    await call(a.people.worker.cookie, 'PATCH', `/api/people/${id}`, { version: 1, phone: '13511112222' })
    await call(a.people.worker.cookie, 'POST', `/api/people/${id}/unmask`, { reason: '核实走访对象身份' })
    await call(a.people.worker.cookie, 'GET', `/api/people?q=${body.idNumber}`)
    for (const table of ['people', 'ledger_changes', 'audit_log']) {
      const rows = await queryRows(t.database.db, sql`select * from ${sql.identifier(table)}`)
      const text = JSON.stringify(rows)
      for (const clear of [body.idNumber, body.phone, '13511112222', '1203室'])
        expect(text, `${table} holds ${clear}`).not.toContain(clear)
    }
  })
})

describe('people: the scope matrix', () => {
  type Who = 'workerA' | 'chief' | 'streetChief' | 'workerB' | 'clerk'
  const cookieOf = (who: Who) =>
    ({
      workerA: a.people.worker.cookie,
      chief: a.people.chief.cookie,
      streetChief: a.people.streetChief.cookie,
      workerB: workerB.cookie,
      clerk: clerk.cookie,
    })[who]
  let person: { id: string; idNumber: string }
  beforeAll(async () => {
    const made = await create({ name: '矩阵' })
    person = { id: made.id, idNumber: made.body.idNumber }
  })

  const endpoints: Record<string, (cookie: string) => Promise<number | string>> = {
    list: async (c) => {
      const res = await call(c, 'GET', `/api/people?q=${encodeURIComponent('矩阵')}`)
      return res.statusCode === 200 ? (res.json().items.length ? 'found' : 'empty') : res.statusCode
    },
    searchById: async (c) => {
      const res = await call(c, 'GET', `/api/people?q=${person.idNumber}`)
      return res.statusCode === 200 ? (res.json().items.length ? 'found' : 'empty') : res.statusCode
    },
    one: async (c) => (await call(c, 'GET', `/api/people/${person.id}`)).statusCode,
    unmask: async (c) =>
      (await call(c, 'POST', `/api/people/${person.id}/unmask`, { reason: '矩阵测试核对' })).statusCode,
    patch: async (c) => {
      const res = await call(c, 'PATCH', `/api/people/${person.id}`, { version: 999, occupation: 'x' })
      return res.statusCode === 409 ? 'writable' : res.statusCode
    },
    erase: async (c) => {
      const res = await call(c, 'POST', `/api/people/${person.id}/erase`, { reason: '短' })
      return res.statusCode === 400 ? 'writable' : res.statusCode
    },
    accessLog: async (c) => (await call(c, 'GET', `/api/people/${person.id}/access-log`)).statusCode,
  }

  // One row per role: what each endpoint answers about a person of grid A.
  const matrix: [Who, Record<string, number | string>][] = [
    [
      'workerA',
      {
        list: 'found',
        searchById: 'found',
        one: 200,
        unmask: 200,
        patch: 'writable',
        erase: 'writable',
        accessLog: 403,
      },
    ],
    [
      'chief',
      {
        list: 'found',
        searchById: 'found',
        one: 200,
        unmask: 200,
        patch: 'writable',
        erase: 'writable',
        accessLog: 200,
      },
    ],
    [
      'streetChief',
      {
        list: 'found',
        searchById: 'found',
        one: 200,
        unmask: 200,
        patch: 'writable',
        erase: 'writable',
        accessLog: 200,
      },
    ],
    [
      'workerB',
      { list: 'empty', searchById: 'empty', one: 404, unmask: 404, patch: 404, erase: 404, accessLog: 404 },
    ],
    ['clerk', { list: 403, searchById: 403, one: 404, unmask: 404, patch: 404, erase: 404, accessLog: 404 }],
  ]
  it.each(matrix)('%s', async (who, expected) => {
    const got: Record<string, number | string> = {}
    for (const [name, run] of Object.entries(endpoints)) got[name] = await run(cookieOf(who))
    expect(got).toEqual(expected)
  })

  it('answers a missing id as an out-of-scope one', async () => {
    const missing = await call(workerB.cookie, 'GET', '/api/people/0190d3c6-0000-7000-8000-000000000000')
    const hidden = await call(workerB.cookie, 'GET', `/api/people/${person.id}`)
    expect(hidden.statusCode).toBe(404)
    const { requestId: _a, instance: _b, ...shownHidden } = hidden.json()
    const { requestId: _c, instance: _d, ...shownMissing } = missing.json()
    expect(shownHidden).toEqual(shownMissing)
  })

  it('keeps the subtree access log within the reader’s subtree', async () => {
    const res = await call(workerB.cookie, 'GET', '/api/ledgers/access-log')
    expect(res.statusCode).toBe(403)
    const chiefOfB = await t.as([{ key: 'community_chief', scope: { type: 'grid', path: gridB.path } }])
    const log = await call(chiefOfB.cookie, 'GET', '/api/ledgers/access-log')
    expect(log.json().items).toEqual([])
    const other = await call(chiefOfB.cookie, 'GET', `/api/ledgers/access-log?grid=${a.d}001001001`)
    expect(other.json().code).toBe('ledger.grid_not_found')
  })
})
