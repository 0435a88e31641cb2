import { dayOf } from '../../../lib/dates'
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../privacy/masks'
import type { TableSealer } from '../privacy/seal'
import type { PersonRecord } from './people.record'
import type { PersonRow } from './people.write.repo'

/** Columns in clear, by the record's key. */
export const PLAIN_COLUMNS = {
  kind: 'kind',
  idType: 'id_type',
  name: 'name',
  formerName: 'former_name',
  sex: 'sex',
  birthDate: 'birth_date',
  ethnicity: 'ethnicity',
  nativePlace: 'native_place',
  maritalStatus: 'marital_status',
  politicalStatus: 'political_status',
  education: 'education',
  occupation: 'occupation',
  workplace: 'workplace',
  livesWhereRegistered: 'lives_where_registered',
} as const satisfies Partial<Record<keyof PersonRecord, keyof PersonRow>>
type PlainKey = keyof typeof PLAIN_COLUMNS

/** Sealed columns, by the record's key: how each is masked in the change history, and its blind index. */
export const SEALED_COLUMNS = {
  idNumber: { column: 'id_number_sealed', mask: maskIdNumber, index: 'id_number' },
  phone: { column: 'phone_sealed', mask: maskPhone, index: 'phone' },
  registeredAddress: { column: 'registered_address_sealed', mask: maskAddress, index: null },
  currentAddress: { column: 'current_address_sealed', mask: maskAddress, index: null },
} as const
export type SealedKey = keyof typeof SEALED_COLUMNS

/** The stored person a write is compared with. */
type StoredPerson = Pick<PersonRow, 'id' | 'grid_id' | 'details' | (typeof PLAIN_COLUMNS)[PlainKey]> &
  Record<(typeof SEALED_COLUMNS)[SealedKey]['column'], string | null>

/** A person's field as the change history and the proposals show it: names and personal fields masked. */
export const maskPersonValue = (key: string, v: unknown) =>
  v === null || v === undefined || v === ''
    ? null
    : key === 'name' || key === 'formerName'
      ? maskName(String(v))
      : key in SEALED_COLUMNS
        ? SEALED_COLUMNS[key as SealedKey].mask(String(v))
        : v

/**
 * The columns a write sets and the change history's before/after, masked. A form `replace`s: a blank
 * field clears what is stored. An import row `merge`s: a blank cell keeps it, and its details add to the
 * stored ones. `grid` names the grid before and after as the history shows it.
 */
export function personChanges(
  sealer: TableSealer,
  row: StoredPerson,
  r: PersonRecord,
  grid: { id: string; path: string; before: string | null; after: string | null },
  how: 'replace' | 'merge',
) {
  const sets: Record<string, unknown> = {}
  const changes: Record<string, [unknown, unknown]> = {}
  const blank = (v: unknown) => v === null || v === undefined || v === ''
  for (const [key, column] of Object.entries(PLAIN_COLUMNS) as [PlainKey, keyof StoredPerson][]) {
    const value = r[key]
    const stored = row[column]
    const was = key === 'birthDate' ? dayOf(stored as string | Date | null) : stored
    if (how === 'merge' && blank(value)) continue
    if (String(value ?? '') === String(was ?? '')) continue
    sets[column] = value
    changes[key] = [maskPersonValue(key, was), maskPersonValue(key, value)]
  }
  for (const [key, { column, index }] of Object.entries(SEALED_COLUMNS) as [
    SealedKey,
    (typeof SEALED_COLUMNS)[SealedKey],
  ][]) {
    const value = r[key]
    if (how === 'merge' && blank(value)) continue
    const was = sealer.open(column, row.id, row[column])
    if ((value ?? null) === (was ?? null)) continue
    sets[column] = sealer.seal(column, row.id, value)
    if (index) sets[`${index}_bidx`] = sealer.index(index, value)
    changes[key] = [maskPersonValue(key, was), maskPersonValue(key, value)]
  }
  const details = how === 'merge' ? { ...row.details, ...r.details } : r.details
  if (JSON.stringify(details) !== JSON.stringify(row.details ?? {})) {
    sets.details = details
    changes.details = [row.details, details]
  }
  if (grid.id !== row.grid_id) {
    sets.grid_id = grid.id
    sets.grid_path = grid.path
    changes.gridCode = [grid.before, grid.after]
  }
  return { sets, changes }
}
