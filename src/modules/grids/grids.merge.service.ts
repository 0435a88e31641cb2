import type { RequestContext } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { badRequest } from '../../lib/problem'
import { recordAudit } from '../audit/audit.service'
import { writableGrid } from './grids.access'
import { parentPathOf, pathOf } from './grids.code'
import { geometryTransaction } from './grids.geometry-limits'
import { checkCodeFits, checkUnused, householdWarnings } from './grids.placement'
import { gridsRepo } from './grids.repo'
import { type CurrentGrid, createdSummaries, parentIdOf, refOf, rehome } from './grids.reshape'
import { reshapeRepo } from './grids.reshape.repo'
import type { MergeBody, ReshapeResult } from './grids.reshape.schema'
import type { GridsKit } from './grids.settings'
import type { GridRef, SuccessionRegistry } from './grids.succession'

/** The merged grid's count: the one given, else the sum when every grid has one. */
function sumOf(
  grids: CurrentGrid[],
  given: number | null | undefined,
  of: (g: CurrentGrid) => number | null,
) {
  return (
    given ?? (grids.every((g) => of(g) !== null) ? grids.reduce((n, g) => n + (of(g) ?? 0), 0) : undefined)
  )
}

/** Merging sibling grids into a new grid (see grids.reshape.ts). */
export function createMergeService(kit: GridsKit, succession: SuccessionRegistry) {
  const { deps, settings, invalidate } = kit
  const { scheme, geometry } = settings

  return {
    /** Merges sibling grids of one level into a new grid; their children move under it. */
    async merge(ctx: RequestContext, body: MergeBody): Promise<ReshapeResult> {
      const grids: CurrentGrid[] = []
      for (const c of body.codes) grids.push(await writableGrid(deps.db, ctx.actor, c))
      const first = grids[0] as CurrentGrid
      const strays = grids.filter((g) => g.parent_code !== first.parent_code || g.level !== first.level)
      if (strays.length > 0) {
        throw badRequest(
          'grid.merge_not_siblings',
          `Only grids of one level under one parent merge: ${strays.map((g) => g.code).join(', ')} differ from ${first.code}`,
        )
      }
      const target = body.into
      checkCodeFits(scheme, target.code, first.level, first.parent_code)
      await checkUnused(deps.db, target.code)
      const households = sumOf(grids, target.households, (g) => g.households)
      const population = sumOf(grids, target.population, (g) => g.population)
      const merged: GridRef = {
        id: uuidv7(),
        code: target.code,
        path: pathOf(target.code, first.parent_code, parentPathOf(first.path)),
      }
      const recoded: ReshapeResult['recoded'] = []
      // The union of the boundaries runs under the geometry statement timeout.
      await geometryTransaction(deps, geometry.timeoutMs, async (tx) => {
        await gridsRepo.insert(tx, {
          id: merged.id,
          code: merged.code,
          name: target.name,
          level: first.level,
          path: merged.path,
          parent_id: await parentIdOf(tx, first),
          exclusive: first.exclusive,
          sector: first.sector,
          boundary: await reshapeRepo.union(
            tx,
            grids.map((g) => g.id),
          ),
          households: households ?? null,
          population: population ?? null,
          responsible_unit: first.responsible_unit,
          attributes: first.attributes,
        })
        await reshapeRepo.recordLineage(
          tx,
          grids.map((g) => ({
            id: uuidv7(),
            predecessorId: g.id,
            successorId: merged.id,
            kind: 'merge',
            reason: body.reason ?? null,
          })),
          ctx.actor?.name ?? null,
        )
        const taken = new Set<string>()
        for (const g of grids) {
          for (const child of await reshapeRepo.currentChildren(tx, g.id))
            await rehome(
              tx,
              ctx,
              succession,
              { child, oldParentCode: g.code, parent: merged },
              taken,
              recoded,
            )
          await gridsRepo.retire(tx, g.id)
        }
        await succession.succeed(tx, ctx, {
          kind: 'merge',
          predecessors: grids.map(refOf),
          successors: [merged],
          heir: merged,
        })
        await recordAudit(tx, ctx, {
          action: 'grid.merge',
          resourceType: 'grid',
          resourceId: merged.code,
          summary: { merged: body.codes, recoded: recoded.length, reason: body.reason ?? null },
        })
      })
      invalidate()
      return {
        retired: body.codes,
        created: await createdSummaries(deps.db, [merged.code]),
        recoded,
        warnings: householdWarnings(scheme, first.level, households, merged.code),
      }
    },
  }
}
