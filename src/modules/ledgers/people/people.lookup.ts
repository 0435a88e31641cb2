import { sql } from 'drizzle-orm'
import { pgTextArray } from '../../../db/arrays'
import { type Executor, queryRows } from '../../../db/database'
import { andPathWithin } from '../../../db/scope-sql'
import type { FieldCipher } from '../../../lib/field-crypto'
import { tableSealer } from '../privacy/seal'

/** A person on the ledger as another record names them: their id and grid (nothing personal). */
export interface PersonRef {
  id: string
  grid_id: string
  grid_path: string
}

/**
 * Finding people named by ID number in a sheet of another record type (a membership, a dispute's
 * party): by the number's blind index under every key of the ring, among the people not erased
 * within these subtrees, without locking them (the people writer locks the rows it updates).
 */
export function peopleLookup(fields: FieldCipher) {
  const sealer = tableSealer(fields, 'people')
  return {
    /** The people of these ID numbers within the subtrees (null: everywhere), by number. */
    async byIdNumbers(
      ex: Executor,
      idNumbers: readonly string[],
      within: string[] | null,
    ): Promise<Map<string, PersonRef>> {
      const numberOf = new Map<string, string>()
      for (const n of new Set(idNumbers)) for (const i of sealer.indexes('id_number', n)) numberOf.set(i, n)
      if (numberOf.size === 0 || within?.length === 0) return new Map()
      const rows = await queryRows<PersonRef & { id_number_bidx: string }>(
        ex,
        sql`select id, grid_id, grid_path::text as grid_path, id_number_bidx from people
          where id_number_bidx = any(${pgTextArray([...numberOf.keys()])}::text[]) and erased_at is null
          ${andPathWithin(sql.raw('grid_path'), within)}`,
      )
      return new Map(
        rows.map((r) => [
          numberOf.get(r.id_number_bidx) as string,
          { id: r.id, grid_id: r.grid_id, grid_path: r.grid_path },
        ]),
      )
    },
  }
}

export type PeopleLookup = ReturnType<typeof peopleLookup>
