import type { Executor } from '../../db/database'
import { badRequest, Problem } from '../../lib/problem'
import { gridsRepo } from './grids.repo'
import { reshapeRepo } from './grids.reshape.repo'
import type { Boundary } from './grids.schema'
import type { GridWarning } from './grids.settings'

/** A boundary as it will be stored, with what was done to it. */
export interface PreparedBoundary {
  geojson: string
  warnings: GridWarning[]
}

/** The boundary as it will be stored: repaired with ST_MakeValid only when the writer asked. */
export async function prepareBoundary(
  ex: Executor,
  boundary: Boundary,
  code: string,
  repair: boolean,
): Promise<PreparedBoundary> {
  const geojson = JSON.stringify(boundary)
  const repaired = repair ? await reshapeRepo.repaired(ex, geojson) : null
  if (!repaired) return { geojson, warnings: [] }
  return {
    geojson: repaired,
    warnings: [
      {
        code: 'grid.boundary_repaired',
        message: `The boundary of ${code} was invalid and has been repaired`,
      },
    ],
  }
}

/**
 * A boundary must be valid, lie inside its parent and not overlap its current siblings, each up to
 * `tolerance` of its area. `selfId` is the grid being re-drawn or split, not a sibling of itself.
 */
export async function checkBoundary(
  ex: Executor,
  tolerance: number,
  geojson: string,
  code: string,
  parentId: string | null,
  selfId: string | null = null,
): Promise<void> {
  const check = await gridsRepo.checkBoundary(ex, geojson, parentId, selfId)
  if (!check.valid) {
    throw badRequest(
      'grid.boundary_invalid',
      `The boundary of ${code} is invalid: ${check.reason} (send ?repair=true to have it repaired)`,
      { reason: check.reason },
    )
  }
  if (check.outside > tolerance) {
    throw badRequest(
      'grid.boundary_outside_parent',
      `${(check.outside * 100).toFixed(2)}% of ${code} lies outside its parent`,
      { outsideShare: check.outside },
    )
  }
  const overlapping = check.overlaps.filter((o) => o.share > tolerance)
  if (overlapping.length > 0) {
    throw new Problem(
      409,
      'grid.boundary_overlaps_sibling',
      `${code} overlaps ${overlapping.map((o) => o.code).join(', ')}`,
      { overlaps: overlapping },
    )
  }
}
