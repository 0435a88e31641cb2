import type { Executor } from '../../../db/database'
import type { FieldCipher } from '../../../lib/field-crypto'
import { uuidv7 } from '../../../lib/ids'
import { tableSealer } from '../privacy/seal'
import { personChanges, SEALED_COLUMNS, type SealedKey } from './people.changes'
import type { PersonRecord } from './people.record'
import { type PersonInsert, type PersonRow, peopleWriteRepo } from './people.write.repo'

/** A grid a person is written into: current, and within the writer's scope (the caller checked). */
export interface GridRef {
  id: string
  path: string
}

export type { PersonRow } from './people.write.repo'

export type WriteOutcome = { id: string; created: boolean; changed: string[] }

/** A person sealed for writing before it is known whether they are new (see `seal`). */
export interface SealedPerson {
  record: PersonRecord
  grid: GridRef
  /** The row as inserted if they are new: sealed to `insert.id`. */
  insert: PersonInsert
  /** Their ID number's blind index under every key of the ring (the current key's first). */
  idIndexes: string[]
}

/**
 * Writing people: each one's personal fields sealed to its row, its ID number and phone blind-indexed,
 * and one citizen one file — a record whose ID number is already on the ledger updates that person
 * (non-empty values replace, empty ones keep what was there). Every change is kept in ledger_changes
 * with personal values masked.
 */
export function peopleStore(fields: FieldCipher) {
  const sealer = tableSealer(fields, 'people')

  const open = (row: PersonRow, key: SealedKey) =>
    sealer.open(SEALED_COLUMNS[key].column, row.id, row[SEALED_COLUMNS[key].column])

  /** The people stored under these ID numbers' blind indexes (every key's), by number. */
  async function byIndexes(ex: Executor, indexes: Map<string, string>): Promise<Map<string, PersonRow>> {
    if (indexes.size === 0) return new Map()
    const rows = await peopleWriteRepo.byIdNumberIndexes(ex, [...indexes.keys()])
    return new Map(rows.map((r) => [indexes.get(r.id_number_bidx as string) as string, r]))
  }

  /** The people whose ID numbers are among these, by number (a search under every key of the ring). */
  function byIdNumbers(ex: Executor, idNumbers: readonly string[]): Promise<Map<string, PersonRow>> {
    const byIndex = new Map<string, string>()
    for (const n of new Set(idNumbers)) for (const i of sealer.indexes('id_number', n)) byIndex.set(i, n)
    return byIndexes(ex, byIndex)
  }

  function existingOf(ex: Executor, items: readonly SealedPerson[]): Promise<Map<string, PersonRow>> {
    const byIndex = new Map<string, string>()
    for (const { record, idIndexes } of items)
      for (const i of idIndexes) byIndex.set(i, record.idNumber as string)
    return byIndexes(ex, byIndex)
  }

  /** A new person's row, sealed to a fresh id, with their ID number's blind index under every key. */
  function sealNew(record: PersonRecord, grid: GridRef, id = uuidv7()): SealedPerson {
    const r = record
    const idIndexes = r.idNumber ? sealer.indexes('id_number', r.idNumber) : []
    return {
      record,
      grid,
      idIndexes,
      insert: {
        id,
        grid_id: grid.id,
        grid_path: grid.path,
        kind: r.kind,
        id_type: r.idType,
        id_number_sealed: sealer.seal('id_number_sealed', id, r.idNumber),
        // The current key comes first in the ring.
        id_number_bidx: idIndexes[0] ?? null,
        phone_sealed: sealer.seal('phone_sealed', id, r.phone),
        phone_bidx: sealer.index('phone', r.phone),
        registered_address_sealed: sealer.seal('registered_address_sealed', id, r.registeredAddress),
        current_address_sealed: sealer.seal('current_address_sealed', id, r.currentAddress),
        name: r.name,
        former_name: r.formerName,
        sex: r.sex,
        birth_date: r.birthDate,
        ethnicity: r.ethnicity,
        native_place: r.nativePlace,
        marital_status: r.maritalStatus,
        political_status: r.politicalStatus,
        education: r.education,
        occupation: r.occupation,
        workplace: r.workplace,
        lives_where_registered: r.livesWhereRegistered,
        details: r.details,
      },
    }
  }

  /** Updates one stored person from a record; answers the fields that changed (names only). */
  async function updateOne(ex: Executor, actor: string, row: PersonRow, r: PersonRecord, grid: GridRef) {
    const { sets, changes } = personChanges(
      sealer,
      row,
      r,
      { ...grid, before: row.grid_path, after: grid.path },
      'merge',
    )
    if (Object.keys(sets).length === 0) return []
    await peopleWriteRepo.update(ex, row.id, sets as Partial<PersonInsert>)
    await peopleWriteRepo.recordChanges(ex, actor, [{ id: row.id, changes }])
    return Object.keys(changes)
  }

  return {
    sealer,
    byIdNumbers,
    open,

    /**
     * Seals a batch as new people (the costly part of a write: it can run while the previous batch is
     * in the database); `upsertMany` then inserts them, or updates the people already on the ledger.
     */
    seal(items: readonly { record: PersonRecord; grid: GridRef }[]): SealedPerson[] {
      return items.map((i) => sealNew(i.record, i.grid))
    },

    /** The people already on the ledger among a sealed batch, by ID number. */
    existing: existingOf,

    /**
     * Writes a batch (an import's chunk, or one form): people already on the ledger (by ID number) are
     * updated, the others inserted in one statement. Two records of one number in a batch: the second
     * updates the first. `existing` may be given when the caller looked them up already (to check scope).
     */
    async upsertMany(
      ex: Executor,
      actor: string,
      items: readonly ({ record: PersonRecord; grid: GridRef } | SealedPerson)[],
      existing?: Map<string, PersonRow>,
    ): Promise<WriteOutcome[]> {
      const sealed = items.map((i) => ('insert' in i ? i : sealNew(i.record, i.grid)))
      const found = existing ?? (await existingOf(ex, sealed))
      const fresh: SealedPerson[] = []
      const outcomes: WriteOutcome[] = []
      const insertedBy = new Map<string, number>()
      const repeats = new Map<string, number>()
      for (const { record } of sealed)
        if (record.idNumber) repeats.set(record.idNumber, (repeats.get(record.idNumber) ?? 0) + 1)
      for (const item of sealed) {
        const number = item.record.idNumber
        const row = number ? found.get(number) : undefined
        const earlier = number === null ? undefined : insertedBy.get(number)
        if (row) {
          outcomes.push({
            id: row.id,
            created: false,
            changed: await updateOne(ex, actor, row, item.record, item.grid),
          })
          // A later record of the same number in the batch compares with what this one wrote.
          if (number && (repeats.get(number) ?? 0) > 1) {
            const written = await peopleWriteRepo.one(ex, row.id)
            if (written) found.set(number, written)
          }
        } else if (earlier !== undefined) {
          // The same number twice in one batch: the later values win, as on a form filled twice.
          const first = fresh[earlier] as SealedPerson
          fresh[earlier] = sealNew(mergeRecords(first.record, item.record), first.grid, first.insert.id)
          outcomes.push({ id: first.insert.id, created: false, changed: [] })
        } else {
          if (number) insertedBy.set(number, fresh.length)
          fresh.push(item)
          outcomes.push({ id: item.insert.id, created: true, changed: [] })
        }
      }
      await peopleWriteRepo.insertMany(
        ex,
        fresh.map((f) => f.insert),
      )
      return outcomes
    },
  }
}

/** Later non-empty values over earlier ones. */
function mergeRecords(a: PersonRecord, b: PersonRecord): PersonRecord {
  const merged = { ...a } as Record<string, unknown>
  for (const [k, v] of Object.entries(b)) if (v !== null && v !== undefined && v !== '') merged[k] = v
  merged.details = { ...a.details, ...b.details }
  return merged as unknown as PersonRecord
}

export type PeopleStore = ReturnType<typeof peopleStore>
