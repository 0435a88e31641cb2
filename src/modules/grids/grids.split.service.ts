import type { Tx } from '../../db/database'
import type { RequestContext } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { conflict, Problem } from '../../lib/problem'
import { inTransaction } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import { writableGrid } from './grids.access'
import { checkBoundary, prepareBoundary } from './grids.boundary'
import { parentPathOf, pathOf } from './grids.code'
import { checkPartsVertices, geometryTransaction } from './grids.geometry-limits'
import { checkCodeFits, checkUnused, householdWarnings } from './grids.placement'
import { gridsRepo } from './grids.repo'
import { type CurrentGrid, createdSummaries, parentIdOf, refOf, rehome } from './grids.reshape'
import { reshapeRepo, type SplitFit } from './grids.reshape.repo'
import type { ReshapeResult, SplitBody } from './grids.reshape.schema'
import type { GridsKit, GridWarning } from './grids.settings'
import type { GridRef, SuccessionRegistry } from './grids.succession'

type Part = { spec: SplitBody['parts'][number]; geojson: string; id: string }
/** A split checked and ready to write. */
type SplitPlan = { grid: CurrentGrid; parentId: string | null; parts: Part[]; fit: SplitFit }

/** Splitting a current grid into parts that tile it (see grids.reshape.ts). */
export function createSplitService(kit: GridsKit, succession: SuccessionRegistry) {
  const { deps, settings, invalidate } = kit
  const { scheme, tolerance, geometry } = settings

  /** The parts must tile the grid, up to the tolerance, and leave each child whole in one part. */
  function checkFit(grid: CurrentGrid, parts: Part[], fit: SplitFit) {
    const overlapping = fit.overlaps.filter((o) => o.share > tolerance)
    if (fit.uncovered > tolerance || fit.outside > tolerance || overlapping.length > 0) {
      throw new Problem(422, 'grid.split_mismatch', `The parts do not tile ${grid.code}`, {
        uncoveredShare: fit.uncovered,
        outsideShare: fit.outside,
        overlaps: overlapping.map((o) => ({
          a: parts[o.a]?.spec.code,
          b: parts[o.b]?.spec.code,
          share: o.share,
        })),
      })
    }
    const cut = fit.children.filter((c) => c.share < 1 - tolerance)
    if (cut.length > 0) {
      throw conflict('grid.split_cuts_child', `The split cuts through ${cut.map((c) => c.code).join(', ')}`, {
        children: cut.map((c) => c.code),
      })
    }
  }

  /** Writes the parts in place of the grid, moves its children to the part holding each, and retires it. */
  async function replace(tx: Tx, ctx: RequestContext, body: SplitBody, plan: SplitPlan) {
    const { grid, parentId, parts, fit } = plan
    const recoded: ReshapeResult['recoded'] = []
    const successors: GridRef[] = []
    for (const { spec, geojson, id } of parts) {
      const path = pathOf(spec.code, grid.parent_code, parentPathOf(grid.path))
      await gridsRepo.insert(tx, {
        id,
        code: spec.code,
        name: spec.name,
        level: grid.level,
        path,
        parent_id: parentId,
        exclusive: grid.exclusive,
        sector: grid.sector,
        boundary: geojson,
        households: spec.households ?? null,
        population: spec.population ?? null,
        responsible_unit: grid.responsible_unit,
        attributes: grid.attributes,
      })
      successors.push({ id, code: spec.code, path })
    }
    await reshapeRepo.recordLineage(
      tx,
      successors.map((s) => ({
        id: uuidv7(),
        predecessorId: grid.id,
        successorId: s.id,
        kind: 'split',
        reason: body.reason ?? null,
      })),
      ctx.actor?.name ?? null,
    )
    const taken = new Set<string>()
    for (const child of await reshapeRepo.currentChildren(tx, grid.id)) {
      const target = successors[fit.children.find((c) => c.id === child.id)?.part ?? -1]
      if (target)
        await rehome(tx, ctx, succession, { child, oldParentCode: grid.code, parent: target }, taken, recoded)
    }
    await gridsRepo.retire(tx, grid.id)
    const heir = successors[body.parts.findIndex((p) => p.inheritsStaff)] ?? null
    await succession.succeed(tx, ctx, { kind: 'split', predecessors: [refOf(grid)], successors, heir })
    await recordAudit(tx, ctx, {
      action: 'grid.split',
      resourceType: 'grid',
      resourceId: grid.code,
      summary: { parts: successors.map((s) => s.code), recoded: recoded.length, reason: body.reason ?? null },
    })
    return recoded
  }

  return {
    /** Splits a current grid into parts that tile it; its children go to the part holding them. */
    async split(ctx: RequestContext, code: string, body: SplitBody, repair: boolean): Promise<ReshapeResult> {
      const grid = await writableGrid(deps.db, ctx.actor, code)
      checkPartsVertices(body.parts, geometry)
      const parentId = await parentIdOf(deps.db, grid)
      const warnings: GridWarning[] = []
      const parts: Part[] = []
      // The checks run under the geometry statement timeout; they only read.
      const fit = await geometryTransaction(deps, geometry.timeoutMs, async (tx) => {
        for (const spec of body.parts) {
          checkCodeFits(scheme, spec.code, grid.level, grid.parent_code)
          await checkUnused(tx, spec.code)
          const prepared = await prepareBoundary(tx, spec.boundary, spec.code, repair)
          await checkBoundary(tx, tolerance, prepared.geojson, spec.code, parentId, grid.id)
          warnings.push(
            ...prepared.warnings,
            ...householdWarnings(scheme, grid.level, spec.households, spec.code),
          )
          parts.push({ spec, geojson: prepared.geojson, id: uuidv7() })
        }
        return reshapeRepo.splitFit(
          tx,
          grid.id,
          parts.map((p) => p.geojson),
        )
      })
      checkFit(grid, parts, fit)
      const recoded = await inTransaction(deps, (tx) =>
        replace(tx, ctx, body, { grid, parentId, parts, fit }),
      )
      invalidate()
      return {
        retired: [grid.code],
        created: await createdSummaries(
          deps.db,
          body.parts.map((p) => p.code),
        ),
        recoded,
        warnings,
      }
    },
  }
}
