import type { FastifyInstance } from 'fastify'
import type { FieldCipher } from '../../lib/field-crypto'
import type { ServiceDeps } from '../../lib/service'
import type { GridsService } from '../grids/grids.service'
import { importsRoutes } from './imports/imports.routes'

/** What every part of the ledgers is built with. */
export interface LedgerDeps extends ServiceDeps {
  grids: GridsService
  /** Seals personal fields under the current key; opens them under any key of the ring. */
  fields: FieldCipher
  /** The time the product goes by (visit schedules, deadlines). */
  clock: () => Date
}

/**
 * The ledgers' routes and their hooks into the grids (records follow splits and merges). Each part
 * registers itself here: people, places (addresses, buildings, rooms, households), groups and visits,
 * organisations, devices, disputes, code tables, imports and key rotation.
 */
export async function ledgersPlugin(app: FastifyInstance, opts: { deps: LedgerDeps }) {
  const { deps } = opts
  void deps
  void app
  await app.register(importsRoutes, { deps })
}
