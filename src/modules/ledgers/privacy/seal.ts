import type { FieldCipher } from '../../../lib/field-crypto'

/**
 * Sealing one table's personal fields: the place of every value is `<table>.<column>.<rowId>`, so the
 * ciphertext of one row's phone cannot be passed off as another row's, or as an ID number.
 */
export function tableSealer(cipher: FieldCipher, table: string) {
  return {
    seal(column: string, rowId: string, value: string | null | undefined): string | null {
      return value == null || value === '' ? null : cipher.seal(value, { table, column, rowId })
    },
    open(column: string, rowId: string, stored: string | null | undefined): string | null {
      return stored == null ? null : cipher.open(stored, { table, column, rowId })
    },
    /** The blind index a write stores for a normalised value (null for none). */
    index(column: string, normalised: string | null | undefined): string | null {
      return normalised ? cipher.blindIndex(`${table}.${column}`, normalised) : null
    },
    /** Every blind index a search for the value looks for (one per key while keys rotate). */
    indexes(column: string, normalised: string): string[] {
      return cipher.blindIndexes(`${table}.${column}`, normalised)
    },
  }
}

export type TableSealer = ReturnType<typeof tableSealer>
