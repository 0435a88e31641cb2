import type { Db } from '../../db/database'
import type { Actor } from '../../lib/context'
import { gridNotFound } from './grids.access'
import { gridAbilities } from './grids.policy'
import { toGridView } from './grids.presenter'
import { type GridRow, gridsRepo } from './grids.repo'
import { reshapeRepo } from './grids.reshape.repo'
import type { GridView } from './grids.schema'
import type { GridWarning } from './grids.settings'

/**
 * A grid as one view shows it: with its ancestors, its count of current children, its lineage and
 * what the reader may do to it.
 */
export async function viewOf(
  db: Db,
  actor: Actor | null,
  row: GridRow & { boundary: string },
  warnings: GridWarning[] = [],
): Promise<GridView> {
  const [ancestors, childCount, lineage] = await Promise.all([
    gridsRepo.ancestors(db, row.path),
    gridsRepo.childCount(db, row.id),
    reshapeRepo.lineageOf(db, row.id),
  ])
  const abilities = gridAbilities(actor, { path: row.path, validTo: row.valid_to })
  return toGridView(row, { ancestors, childCount, warnings, lineage, abilities })
}

/** A grid just written, as its writer sees it. */
export async function viewWritten(
  db: Db,
  actor: Actor | null,
  code: string,
  warnings: GridWarning[],
): Promise<GridView> {
  const row = await gridsRepo.findByCode(db, code)
  if (!row) throw gridNotFound(code)
  return viewOf(db, actor, row, warnings)
}
