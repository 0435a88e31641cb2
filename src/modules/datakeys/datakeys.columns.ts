/**
 * Every column holding personal data encrypted under the data key, for the re-encryption job after a
 * rotation. A module that adds such a column adds it here (test/datakeys-columns.test.ts checks that
 * every `*_sealed` column of the schema is listed).
 */
export interface SealedTable {
  table: string
  /** The primary key column (uuid): the job pages by it. */
  key: string
  /** Sealed fields (`f1.` values bound to table.column.row, naming their key). */
  columns: readonly string[]
  /** Blind indexes recomputed from a sealed column's value: `name` is the index's HMAC label. */
  indexes?: readonly { column: string; from: string; name: string }[]
}

export const SEALED_TABLES: readonly SealedTable[] = [
  {
    table: 'people',
    key: 'id',
    columns: ['id_number_sealed', 'phone_sealed', 'registered_address_sealed', 'current_address_sealed'],
    indexes: [
      { column: 'id_number_bidx', from: 'id_number_sealed', name: 'people.id_number' },
      { column: 'phone_bidx', from: 'phone_sealed', name: 'people.phone' },
    ],
  },
  { table: 'group_memberships', key: 'id', columns: ['notes_sealed'] },
  { table: 'visits', key: 'id', columns: ['notes_sealed'] },
  { table: 'organizations', key: 'id', columns: ['contact_phone_sealed'] },
  { table: 'ledger_proposals', key: 'id', columns: ['changes_sealed'] },
]

/**
 * Columns of the earlier short format (`v1.`/`s1.`: reporters' contacts, second-factor secrets), which
 * do not name their key: the job re-encrypts every one of them under the current key.
 */
export const LEGACY_TABLES: readonly SealedTable[] = [
  { table: 'cases', key: 'id', columns: ['reporter_contact'] },
  { table: 'second_factors', key: 'user_id', columns: ['secret', 'pending_secret'] },
]
