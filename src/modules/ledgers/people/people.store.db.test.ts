import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../../test/support/db'
import { makers } from '../../../../test/support/make'
import { type Database, queryRows } from '../../../db/database'
import { newDataKey } from '../../../lib/crypto'
import { fieldCipher } from '../../../lib/field-crypto'
import { type CodeBook, loadCodeBook } from '../codes/codes.book'
import { idCheckCharacter } from '../validate/id-number'
import { checkPerson, type PersonRecord } from './people.record'
import { type GridRef, type PersonRow, peopleStore } from './people.store'

let database: Database
let codes: CodeBook
let grid: GridRef
const valid = (first17: string) => first17 + idCheckCharacter(first17)
const key = () => Buffer.from(newDataKey(), 'base64')

beforeAll(async () => {
  database = await testDatabase()
  codes = await loadCodeBook(database.db)
  const made = await makers(database.db).grid({
    code: '510104',
    level: 'district',
    at: { x: 104, size: 0.2 },
  })
  const [row] = await queryRows<{ id: string }>(database.db, sql`select id from grids where code = '510104'`)
  grid = { id: row?.id as string, path: made.path }
}, 120_000)
afterAll(() => database?.close())

function person(overrides: Record<string, string> = {}): PersonRecord {
  const checked = checkPerson(
    {
      kind: '户籍人口',
      name: '张三',
      idNumber: '11010519491231002X',
      gridCode: '510104',
      phone: '138 1234 5678',
      currentAddress: '东大街100号3栋1203室',
      ethnicity: '汉族',
      ...overrides,
    },
    codes,
  )
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors))
  return checked.record
}

const raw = (id: string) =>
  queryRows<PersonRow>(database.db, sql`select * from people where id = ${id}`).then((r) => r[0] as PersonRow)

describe('people at rest', () => {
  it('keeps no ID number, phone or address in clear, and opens them only in their own row', async () => {
    const store = peopleStore(fieldCipher(key()))
    const [outcome] = await store.upsertMany(database.db, 'tester', [{ record: person(), grid }])
    const row = await raw(outcome?.id as string)
    const text = JSON.stringify(row)
    for (const clear of ['11010519491231002X', '13812345678', '1234', '东大街'])
      expect(text).not.toContain(clear)
    expect(row.ethnicity).toBe('01')
    expect(store.open(row, 'idNumber')).toBe('11010519491231002X')
    expect(store.open(row, 'phone')).toBe('13812345678')
    expect(() => store.sealer.open('id_number_sealed', 'another-row', row.id_number_sealed)).toThrow()
  })

  it('keeps one file per citizen: the same number again updates the person and records the change masked', async () => {
    const store = peopleStore(fieldCipher(key()))
    const idNumber = valid('11010519491231004')
    const [first] = await store.upsertMany(database.db, 'tester', [{ record: person({ idNumber }), grid }])
    const [again] = await store.upsertMany(database.db, 'tester', [
      { record: person({ idNumber, phone: '13900001111', occupation: '教师' }), grid },
    ])
    expect(again).toEqual({ id: first?.id, created: false, changed: ['occupation', 'phone'] })
    const changes = await queryRows<{ changes: Record<string, unknown> }>(
      database.db,
      sql`select changes from ledger_changes where record_id = ${first?.id}`,
    )
    expect(changes[0]?.changes.phone).toEqual(['138****5678', '139****1111'])
  })

  it('reports only what a sheet changed, with a former name masked like the name, and keeps what it leaves blank', async () => {
    const store = peopleStore(fieldCipher(key()))
    const idNumber = valid('11010519491231005')
    const first = { idNumber, birthDate: '1949-12-31', formerName: '张小三', occupation: '工人' }
    const [made] = await store.upsertMany(database.db, 'tester', [{ record: person(first), grid }])
    const [again] = await store.upsertMany(database.db, 'tester', [
      { record: person({ idNumber, birthDate: '1949-12-31', formerName: '张四' }), grid },
    ])
    expect(again?.changed).toEqual(['formerName'])
    const [change] = await queryRows<{ changes: Record<string, unknown> }>(
      database.db,
      sql`select changes from ledger_changes where record_id = ${made?.id}`,
    )
    expect(change?.changes.formerName).toEqual(['张**', '张*'])
    expect((await raw(made?.id as string)).occupation).toBe('工人')
  })

  it('applies two records of one person already on the ledger in a batch one after the other', async () => {
    const store = peopleStore(fieldCipher(key()))
    const idNumber = valid('11010519491231006')
    const [first] = await store.upsertMany(database.db, 'tester', [{ record: person({ idNumber }), grid }])
    const outcomes = await store.upsertMany(database.db, 'tester', [
      { record: person({ idNumber, occupation: '教师' }), grid },
      { record: person({ idNumber, phone: '13900002222' }), grid },
    ])
    expect(outcomes.map((o) => o.changed)).toEqual([['occupation'], ['phone']])
    const row = await raw(first?.id as string)
    expect([row.occupation, store.open(row, 'phone')]).toEqual(['教师', '13900002222'])
  })

  it('finds a person sealed under a retired key while keys rotate, and updates rather than duplicates', async () => {
    const [oldKey, newKey] = [key(), key()]
    const idNumber = valid('11010519491231005')
    const [before] = await peopleStore(fieldCipher(oldKey)).upsertMany(database.db, 't', [
      { record: person({ idNumber }), grid },
    ])
    const rotated = peopleStore(fieldCipher(newKey, [oldKey]))
    const found = await rotated.byIdNumbers(database.db, [idNumber])
    expect(found.get(idNumber)?.id).toBe(before?.id)
    const [after] = await rotated.upsertMany(database.db, 't', [
      { record: person({ idNumber, occupation: '医生' }), grid },
    ])
    expect(after?.id).toBe(before?.id)
  })
})
