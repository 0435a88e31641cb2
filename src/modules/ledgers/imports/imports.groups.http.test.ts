import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../../test/support/app'
import { importsClient, XLSX } from '../../../../test/support/imports'
import { residentReport } from '../../../../test/support/places'
import { queryRows } from '../../../db/database'
import { uuidv7 } from '../../../lib/ids'
import { rolesRepo } from '../../auth/roles.repo'
import { idCheckCharacter } from '../validate/id-number'

// Imports of disputes (every row a new dispute) and of special-group memberships (one per person and group).
let t: TestApp
let a: StaffedPlace
let b: StaffedPlace
const gridA = () => `${a.d}001001001`
const gridB = () => `${b.d}001001001`

beforeAll(async () => {
  t = await testApp({}, { clock: () => new Date('2026-11-23T10:00:00+08:00') })
  a = await t.place('510114', 114)
  b = await t.place('510115', 116)
}, 120_000)
afterAll(() => t?.close())
const { headersOf, upload, imported, reportOf } = importsClient(() => t)

let serial = 300
/** A valid resident ID number born in 1950 in Beijing, each one new. */
function idNumber(): string {
  serial += 1
  const first17 = `110105195003${String(10 + (serial % 18)).padStart(2, '0')}${String(serial).padStart(3, '0')}`
  return first17 + idCheckCharacter(first17)
}

/** People put on the ledger of grid A through the people import; answers their ID numbers. */
async function residents(n: number, grid = gridA(), cookie = a.people.worker.cookie) {
  const numbers = Array.from({ length: n }, idNumber)
  const view = await imported(
    'people',
    cookie,
    numbers.map((idNumber, i) => ({ kind: '户籍人口', name: `测试居民${i}`, idNumber, gridCode: grid })),
  )
  expect(view).toMatchObject({ rowsCreated: n, rowsFailed: 0 })
  return numbers
}

describe('importing disputes', () => {
  it('has its own template: kinds from the code table, scales and methods as drop-downs', async () => {
    const { heads, keys, ws } = await headersOf('disputes', a.people.worker.cookie)
    expect(heads.slice(0, 4)).toEqual(['纠纷类型*', '规模*', '纠纷摘要*', '所属网格编码*'])
    expect(heads).toContain('wangge:disputes:v1')
    expect(keys).toEqual(expect.arrayContaining(['parties', 'partyIdNumbers', 'caseNo', 'mediationMethod']))
    expect(ws.getColumn(keys.indexOf('partyIdNumbers') + 1).numFmt).toBe('@')
  })

  it('records each row as a dispute, parties on the ledger by ID number, linked to its event; bad rows reported', async () => {
    const worker = a.people.worker.cookie
    const [party] = await residents(1)
    const caseNo = await residentReport(t, a.point)
    const foreignCase = await residentReport(t, b.point)
    const view = await imported('disputes', worker, [
      {
        kind: '邻里纠纷',
        scale: '较大',
        summary: '导入楼上漏水',
        gridCode: gridA(),
        parties: '王小明（被申请人）；赵六',
        partyIdNumbers: `${party}（申请人）`,
        caseNo,
        mediationMethod: '人民调解',
        mediator: '调解员甲',
        deadline: '2026/12/31',
      },
      { kind: '婚姻家庭纠纷', scale: '一般', summary: '导入赡养', gridCode: gridA() },
      { kind: '邻里纠纷', scale: '特大', summary: '导入规模不对', gridCode: gridA() },
      { kind: '邻里纠纷', scale: '一般', summary: '导入别人的网格', gridCode: gridB() },
      { kind: '邻里纠纷', scale: '一般', summary: '导入未知事件', gridCode: gridA(), caseNo: 'NO-SUCH-1' },
      {
        kind: '邻里纠纷',
        scale: '一般',
        summary: '导入看不见的事件',
        gridCode: gridA(),
        caseNo: foreignCase,
      },
      {
        kind: '邻里纠纷',
        scale: '一般',
        summary: '导入未登记',
        gridCode: gridA(),
        partyIdNumbers: idNumber(),
      },
    ])
    expect(view).toMatchObject({ status: 'done', rowsCreated: 2, rowsFailed: 5 })
    const report = await reportOf(view.id, worker)
    expect(report[0]).toBe('第6行：规模“特大”不是可选的值')
    expect(report[1]).toMatch(/^第7行：所属网格编码：网格.*不在您的维护范围内/)
    expect(report[2]).toMatch(/^第8行：关联事件编号：事件“NO-SUCH-1”不存在/)
    expect(report[3]).toMatch(/^第9行：关联事件编号：/)
    expect(report[4]).toMatch(/^第10行：当事人证件号码：.*请先导入该人员/)
    // The report names no number it was not sent.
    expect(report.join()).not.toContain(party)

    const list = await t.call({ method: 'GET', url: '/api/disputes?q=导入', cookie: worker })
    const items = list.json().items as { summary: string }[]
    expect(items.map((d) => d.summary).sort()).toEqual(['导入楼上漏水', '导入赡养'])
    expect(items.find((d) => d.summary === '导入楼上漏水')).toMatchObject({
      kind: 'neighbour',
      scale: 'major',
      caseNo,
      mediationMethod: 'people_mediation',
      mediator: '调解员甲',
      deadline: '2026-12-31',
      parties: [
        { personId: expect.any(String), name: expect.stringMatching(/^测\*+$/), role: '申请人' },
        { personId: null, name: '王**', role: '被申请人' },
        { personId: null, name: '赵*', role: null },
      ],
    })
  }, 60_000)

  it('writes nothing in all-or-nothing mode when one row is bad', async () => {
    const worker = a.people.worker.cookie
    const view = await imported(
      'disputes',
      worker,
      [
        { kind: '邻里纠纷', scale: '一般', summary: '全有全无好', gridCode: gridA() },
        { kind: '不存在的类型', scale: '一般', summary: '全有全无坏', gridCode: gridA() },
      ],
      'all_or_nothing',
    )
    expect(view).toMatchObject({ status: 'done', rolledBack: true, rowsCreated: 0, rowsFailed: 1 })
    const list = await t.call({ method: 'GET', url: '/api/disputes?q=全有全无', cookie: worker })
    expect(list.json().items).toEqual([])
  })
})

describe('importing special-group memberships', () => {
  it('has its own template: the ID number as text, groups from the code table, no name column', async () => {
    const { heads, keys, ws } = await headersOf('memberships', a.people.worker.cookie)
    expect(heads.slice(0, 5)).toEqual(['公民身份号码*', '人群类别*', '人群细类', '关注程度', '列管日期*'])
    expect(heads).toContain('wangge:memberships:v1')
    expect(keys).not.toContain('name')
    expect(ws.getColumn(keys.indexOf('idNumber') + 1).numFmt).toBe('@')
  })

  it('registers members with their due visit, updates them on a second import, never twice', async () => {
    const worker = a.people.worker
    const [alone, youth] = await residents(2)
    const first = await imported('memberships', worker.cookie, [
      {
        idNumber: alone as string,
        groupCode: '独居老人',
        attention: '一般',
        startsOn: '2026-11-20',
        responsible: worker.username,
        notes: '子女在外地',
      },
      { idNumber: youth as string, groupCode: '重点青少年', subKind: '闲散青少年', startsOn: '2026-10-01' },
    ])
    expect(first).toMatchObject({ status: 'done', rowsCreated: 2, rowsFailed: 0 })
    const listed = async () =>
      (await t.call({ method: 'GET', url: `/api/groups?grid=${gridA()}`, cookie: worker.cookie })).json()
        .items as {
        id: string
        groupCode: string
        subKind: string | null
        attention: number
        hasNotes: boolean
        nextVisitDue: string | null
        dueState: string
        responsible: { id: string } | null
        version: number
      }[]
    const before = await listed()
    const elderly = before.find((m) => m.groupCode === 'elderly_alone')
    // As on the screen: elderly living alone are visited every 7 days from the start.
    expect(elderly).toMatchObject({
      attention: 1,
      hasNotes: true,
      nextVisitDue: '2026-11-27',
      dueState: 'due',
      responsible: { id: worker.id },
    })
    expect(before.find((m) => m.groupCode === 'key_youth')).toMatchObject({
      subKind: 'key_youth_idle',
      nextVisitDue: '2026-10-31',
      dueState: 'overdue',
    })
    const due = await t.call({ method: 'GET', url: '/api/visits/due', cookie: worker.cookie })
    expect(due.json().items.map((m: { id: string }) => m.id)).toContain(elderly?.id)
    const [sealed] = await queryRows<{ notes_sealed: string }>(
      t.database.db,
      sql`select notes_sealed from group_memberships where id = ${elderly?.id}`,
    )
    expect(sealed?.notes_sealed).toMatch(/^f1\./)
    expect(sealed?.notes_sealed).not.toContain('子女')

    // Again, with closer attention and a later start: the same membership, its visit due again.
    const again = await imported('memberships', worker.cookie, [
      { idNumber: alone as string, groupCode: '独居老人', attention: '重点', startsOn: '2026-11-21' },
    ])
    expect(again).toMatchObject({ rowsCreated: 0, rowsUpdated: 1, rowsFailed: 0 })
    const after = await listed()
    expect(after).toHaveLength(before.length)
    expect(after.find((m) => m.id === elderly?.id)).toMatchObject({
      attention: 3,
      nextVisitDue: '2026-11-28',
      // Empty cells keep what was there.
      hasNotes: true,
      responsible: { id: worker.id },
      version: 2,
    })
    const audit = await queryRows<{ action: string }>(
      t.database.db,
      sql`select action from audit_log where resource_id = ${elderly?.id} order by id`,
    )
    expect(audit.map((r) => r.action)).toEqual(['group_membership.create', 'group_membership.update'])
  }, 60_000)

  it('reports unknown people, groups, levels, workers and people of other grids by row and field', async () => {
    const worker = a.people.worker
    const [known] = await residents(1)
    const [theirs] = await residents(1, gridB(), b.people.worker.cookie)
    const valid = idNumber()
    const badCheck = valid.slice(0, 17) + (valid.endsWith('0') ? '1' : '0')
    const row = (over: Record<string, string>) => ({
      idNumber: known as string,
      groupCode: '残疾人',
      startsOn: '2026-11-01',
      ...over,
    })
    const view = await imported('memberships', worker.cookie, [
      row({ idNumber: idNumber() }),
      row({ groupCode: '外星人' }),
      row({ attention: '非常高' }),
      row({ responsible: 'nobody-here' }),
      row({ responsible: b.people.worker.username }),
      row({ idNumber: theirs as string }),
      row({ idNumber: badCheck }),
      row({ groupCode: '闲散青少年' }),
      row({ endsOn: '2026-10-01' }),
    ])
    expect(view).toMatchObject({ rowsCreated: 0, rowsFailed: 9 })
    const report = await reportOf(view.id, worker.cookie)
    expect(report[0]).toMatch(/^第4行：公民身份号码：.*请先导入该人员/)
    expect(report[1]).toBe('第5行：人群类别“外星人”不在代码表中')
    expect(report[2]).toBe('第6行：关注程度“非常高”不是可选的值')
    expect(report[3]).toBe('第7行：责任网格员账号“nobody-here”不存在或已停用')
    expect(report[4]).toMatch(/^第8行：责任网格员账号：.*不能担任责任网格员/)
    expect(report[5]).toMatch(/^第9行：公民身份号码：.*请先导入该人员/)
    expect(report[6]).toMatch(/^第10行：公民身份号码：/)
    expect(report[7]).toMatch(/^第11行：人群类别：.*是人群细类/)
    expect(report[8]).toBe('第12行：解除日期不能早于列管日期')
    expect(report.join()).not.toContain(theirs as string)
    const [count] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from group_memberships where group_code = 'disabled'`,
    )
    expect(count?.n).toBe(0)
  }, 60_000)

  it('refuses a person the importer sees among special groups but may not write there', async () => {
    const [seen] = await residents(1)
    // An instructor over A's community (sees special groups, writes nothing there) who works grid B.
    const mixed = await t.as([
      { key: 'grid_instructor', scope: { type: 'grid', path: a.paths.community } },
      { key: 'grid_worker', scope: { type: 'grid', path: b.paths.grid } },
    ])
    const view = await imported('memberships', mixed.cookie, [
      { idNumber: seen as string, groupCode: '残疾人', startsOn: '2026-11-01' },
    ])
    expect(view).toMatchObject({ rowsCreated: 0, rowsFailed: 1 })
    expect((await reportOf(view.id, mixed.cookie))[0]).toBe(
      '第4行：公民身份号码：此人登记在您无权维护的网格，请联系其所在网格',
    )
  }, 60_000)

  it('writes nothing in all-or-nothing mode when one row is bad', async () => {
    const worker = a.people.worker.cookie
    const [one] = await residents(1)
    const view = await imported(
      'memberships',
      worker,
      [
        { idNumber: one as string, groupCode: '低保/困难群众', startsOn: '2026-11-01' },
        { idNumber: idNumber(), groupCode: '低保/困难群众', startsOn: '2026-11-01' },
      ],
      'all_or_nothing',
    )
    expect(view).toMatchObject({ rolledBack: true, rowsCreated: 0, rowsFailed: 1 })
    const [count] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from group_memberships where group_code = 'low_income'`,
    )
    expect(count?.n).toBe(0)
  }, 60_000)

  it('needs ledger.special, as registering a member on the screen does, before the file is read', async () => {
    await rolesRepo.insert(t.database.db, {
      id: uuidv7(),
      key: 'ledger_clerk',
      nameZh: '台账录入员',
      nameEn: 'Ledger clerk',
      permissions: ['grid.read', 'ledger.read', 'ledger.write', 'ledger.export'],
    })
    const clerk = await t.as([{ key: 'ledger_clerk', scope: { type: 'grid', path: a.paths.grid } }])
    const refused = await t.call({
      method: 'POST',
      url: '/api/imports/memberships',
      cookie: clerk.cookie,
      headers: { 'content-type': XLSX },
      payload: Buffer.alloc(1024),
    })
    expect(refused.statusCode).toBe(403)
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(refused.json()).toMatchObject({ code: 'auth.forbidden', permission: ['ledger.special'] })
    // Other ledgers stay open to them.
    const disputes = await upload('disputes', clerk.cookie, [
      { kind: '邻里纠纷', scale: '一般', summary: '录入员导入', gridCode: gridA() },
    ])
    expect(disputes.statusCode, disputes.body).toBe(202)
  })
})
