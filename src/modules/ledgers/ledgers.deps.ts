import type { FieldCipher } from '../../lib/field-crypto'
import type { ServiceDeps } from '../../lib/service'
import type { GridsService } from '../grids/grids.service'

/** What every part of the ledgers is built with. */
export interface LedgerDeps extends ServiceDeps {
  grids: GridsService
  /** Seals personal fields under the current key; opens them under any key of the ring. */
  fields: FieldCipher
  /** The time the product goes by (visit schedules, deadlines). */
  clock: () => Date
}
