import type { Executor } from '../../../db/database'
import type { FieldCipher } from '../../../lib/field-crypto'
import { tableSealer } from '../privacy/seal'
import { type PersonRef, peopleLookupRepo } from './people.lookup.repo'

export type { PersonRef } from './people.lookup.repo'

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
      const rows = await peopleLookupRepo.byIdNumberIndexes(ex, [...numberOf.keys()], within)
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
