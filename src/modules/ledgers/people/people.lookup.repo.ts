import { sql } from 'drizzle-orm'
import { pgTextArray } from '../../../db/arrays'
import { type Executor, queryRows } from '../../../db/database'
import { andPathWithin } from '../../../db/scope-sql'

/** A person on the ledger as another record names them: their id and grid (nothing personal). */
export interface PersonRef {
  id: string
  grid_id: string
  grid_path: string
}

export const peopleLookupRepo = {
  /** The people not erased under these ID-number blind indexes, within the subtrees (null: everywhere), unlocked. */
  byIdNumberIndexes(
    ex: Executor,
    indexes: readonly string[],
    within: string[] | null,
  ): Promise<(PersonRef & { id_number_bidx: string })[]> {
    if (indexes.length === 0 || within?.length === 0) return Promise.resolve([])
    return queryRows(
      ex,
      sql`select id, grid_id, grid_path::text as grid_path, id_number_bidx from people
        where id_number_bidx = any(${pgTextArray(indexes)}::text[]) and erased_at is null
        ${andPathWithin(sql.raw('grid_path'), within)}`,
    )
  },
}
