import type { RequestContext } from '../../lib/context'
import { conflict, Problem } from '../../lib/problem'
import { writableGrid } from './grids.access'
import { geometryTransaction } from './grids.geometry-limits'
import { levelOf } from './grids.levels'
import { reshapeRepo } from './grids.reshape.repo'
import type { CutBody, CutPreview } from './grids.reshape.schema'
import type { GridsKit } from './grids.settings'

/** Planning a split or a merger on the map: free codes for the new grids, and the parts a line cuts. */
export function createReshapePlanService(kit: GridsKit) {
  const { deps, settings } = kit
  const { scheme, tolerance, geometry } = settings

  return {
    /**
     * `count` codes never used, for new grids beside this one (same level, same parent), numbered on
     * from the highest ever given there: a retired grid's code is not given again.
     */
    async siblingCodes(ctx: RequestContext, code: string, count: number): Promise<{ codes: string[] }> {
      const grid = await writableGrid(deps.db, ctx.actor, code)
      const prefix = grid.parent_code ?? ''
      const width = levelOf(scheme, grid.level)?.width ?? grid.code.length - prefix.length
      const used = await reshapeRepo.codesLike(deps.db, prefix, prefix.length + width)
      const highest = Math.max(0, ...used.map((c) => Number(c.slice(prefix.length))))
      if (highest + count >= 10 ** width)
        throw conflict('grid.no_free_code', `No free code left beside ${grid.code}`)
      const codes = Array.from(
        { length: count },
        (_, i) => prefix + String(highest + 1 + i).padStart(width, '0'),
      )
      return { codes }
    },

    /** The parts a line drawn across a grid cuts it into, and where its children would go. Writes nothing. */
    async previewCut(ctx: RequestContext, code: string, body: CutBody): Promise<CutPreview> {
      const grid = await writableGrid(deps.db, ctx.actor, code)
      const line = JSON.stringify(body.line)
      const { pieces, fit } = await geometryTransaction(deps, geometry.timeoutMs, async (tx) => {
        const pieces = await reshapeRepo.cut(tx, grid.id, line)
        if (pieces.length < 2) return { pieces, fit: null }
        const fit = await reshapeRepo.splitFit(
          tx,
          grid.id,
          pieces.map((p) => p.geojson),
        )
        return { pieces, fit }
      })
      if (!fit)
        throw new Problem(422, 'grid.cut_misses', `The line does not cross ${grid.code} from side to side`)
      const whole = (c: { share: number }) => c.share >= 1 - tolerance
      return {
        parts: pieces.map((p, i) => ({
          boundary: JSON.parse(p.geojson) as CutPreview['parts'][number]['boundary'],
          share: p.share,
          children: fit.children.filter((c) => c.part === i && whole(c)).map((c) => c.code),
        })),
        cutChildren: fit.children.filter((c) => !whole(c)).map((c) => c.code),
      }
    },
  }
}
