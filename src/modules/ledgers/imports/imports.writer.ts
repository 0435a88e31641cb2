import type { Executor } from '../../../db/database'
import type { RequestContext } from '../../../lib/context'
import type { GridRef } from '../people/people.store'
import type { FieldError } from '../validate/fields'

/**
 * A checked row of a sheet, placed in a grid the importer may write; a record type without a grid
 * column (a membership sits in its person's grid) has none, and its writer checks the scope.
 */
export interface ImportItem<R> {
  record: R
  grid: R extends { gridCode: string } ? GridRef : GridRef | null
}

/** What became of one row: written, or refused with the field it is about (a row of the report). */
export type RowOutcome = 'created' | 'updated' | FieldError

/**
 * How one record type's rows are written. `prepare` does the batch's own work before it waits for the
 * database (the people's sealing), so it runs while the previous batch is being written; `write` writes
 * the prepared batch in the caller's transaction, matching existing records by the sheet's key, and
 * answers an outcome per row, in order.
 */
export interface SheetWriter<R, P> {
  prepare(items: readonly ImportItem<R>[]): P[]
  write(ex: Executor, ctx: RequestContext, items: readonly P[]): Promise<RowOutcome[]>
}
