import type { Db } from '../../../db/database'
import { rollupRepo } from './rollup.repo'
import { ROLLUP_DEPTH } from './rollup.tables'

/** A cell of the grid × category tests: a node at the rollup's deepest level and a big class. */
export interface RollupCell {
  node: string
  bigClass: string
  /** Events reported per day (YYYY-MM-DD, Asia/Shanghai); days without any are absent. */
  days: Map<string, number>
}

/**
 * The events of each node at the rollup's deepest level (communities, in the usual scheme) per big
 * class and day in [from, to): what early warning compares with each cell's own past.
 */
export async function rollupCells(db: Db, from: string, to: string): Promise<RollupCell[]> {
  const cells = new Map<string, RollupCell>()
  for (const r of await rollupRepo.cells(db, ROLLUP_DEPTH, from, to)) {
    const key = `${r.node}|${r.big_class}`
    const cell = cells.get(key) ?? { node: r.node, bigClass: r.big_class, days: new Map() }
    cell.days.set(r.day, r.received)
    cells.set(key, cell)
  }
  return [...cells.values()]
}

/** The names of grids by path and of categories (or big classes) by code, for a warning's title. */
export function rollupNames(db: Db, kind: 'grid' | 'category', keys: string[]) {
  return rollupRepo.names(db, kind, keys)
}
