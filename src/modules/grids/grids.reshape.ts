import type { Executor, Tx } from '../../db/database'
import type { RequestContext } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { badRequest, conflict, Problem } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import { checkCode, pathOf } from './grids.code'
import { checkPartsVertices, type GeometryLimits, geometryTransaction } from './grids.geometry-limits'
import type { LevelScheme } from './grids.levels'
import { toGridSummary } from './grids.presenter'
import type { GridRow } from './grids.repo'
import { gridsRepo } from './grids.repo'
import { reshapeRepo } from './grids.reshape.repo'
import type { MergeBody, ReshapeResult, SplitBody } from './grids.reshape.schema'
import type { Boundary, GridView } from './grids.schema'
import type { GridRef, GridSuccession, SuccessionHook } from './grids.succession'

type Warning = GridView['warnings'][number]
type Current = GridRow & { boundary: string }

/** What the reshaping borrows from the grids service. */
export interface ReshapeKit {
  scheme: LevelScheme
  tolerance: number
  geometry: GeometryLimits
  hooks: SuccessionHook[]
  writable: (ctx: RequestContext, code: string) => Promise<Current>
  /** The boundary as it will be stored (repaired when asked), with its warnings; throws when invalid. */
  prepareBoundary: (
    ex: Executor,
    boundary: Boundary,
    code: string,
    repair: boolean,
  ) => Promise<{ geojson: string; warnings: Warning[] }>
  checkBoundary: (
    ex: Executor,
    geojson: string,
    code: string,
    parentId: string | null,
    selfId: string | null,
  ) => Promise<void>
  householdWarnings: (level: string, households: number | undefined, code: string) => Warning[]
  invalidate: () => void
}

const refOf = (g: { id: string; code: string; path: string }): GridRef => ({
  id: g.id,
  code: g.code,
  path: g.path,
})

/**
 * Split and merge: the grids given up keep their rows (valid until today) and their lineage; their
 * current descendants are re-coded under the successor holding them by location; every module that
 * references grids follows through its succession hook, in the same transaction.
 */
export function createReshape(deps: ServiceDeps, kit: ReshapeKit) {
  const { scheme, tolerance } = kit

  async function succeed(tx: Tx, ctx: RequestContext, change: GridSuccession) {
    for (const hook of kit.hooks) await hook(tx, ctx, change)
  }

  /** Re-codes a grid under a new parent (keeping its segment when free), then its own children. */
  async function rehome(
    tx: Tx,
    ctx: RequestContext,
    child: GridRef,
    oldParentCode: string,
    parent: GridRef,
    taken: Set<string>,
    recoded: ReshapeResult['recoded'],
  ): Promise<void> {
    const width = child.code.length - oldParentCode.length
    let segment = child.code.slice(oldParentCode.length)
    for (let n = 1; taken.has(parent.code + segment); n++) {
      if (n >= 10 ** width) throw conflict('grid.no_free_code', `No free code left under ${parent.code}`)
      segment = String(n).padStart(width, '0')
    }
    const moved = { id: uuidv7(), code: parent.code + segment, path: `${parent.path}.${segment}` }
    taken.add(moved.code)
    await reshapeRepo.copyUnder(tx, child.id, { ...moved, parentId: parent.id })
    await reshapeRepo.recordLineage(tx, [
      { id: uuidv7(), predecessorId: child.id, successorId: moved.id, kind: 'recode', reason: null },
    ])
    recoded.push({ from: child.code, to: moved.code })
    const grandchildren = await reshapeRepo.currentChildren(tx, child.id)
    const takenBelow = new Set<string>()
    for (const g of grandchildren) await rehome(tx, ctx, g, child.code, moved, takenBelow, recoded)
    await gridsRepo.retire(tx, child.id)
    await succeed(tx, ctx, { kind: 'recode', predecessors: [child], successors: [moved], heir: moved })
  }

  async function parentIdOf(ex: Executor, grid: Current): Promise<string | null> {
    if (!grid.parent_code) return null
    return (await gridsRepo.findByCode(ex, grid.parent_code))?.id ?? null
  }

  function checkNewCode(code: string, level: string, parentCode: string | null) {
    const fit = checkCode(scheme, code, level, parentCode)
    if (!fit.ok) throw badRequest(`grid.code_${fit.reason}`, `The code ${code} does not fit: ${fit.reason}`)
  }

  async function checkUnused(ex: Executor, code: string) {
    if (await gridsRepo.findByCode(ex, code)) throw conflict('grid.code_taken', `The code ${code} is taken`)
  }

  async function createdSummaries(codes: string[]) {
    const rows = await Promise.all(codes.map((c) => gridsRepo.findByCode(deps.db, c)))
    return rows.flatMap((r) => (r ? [toGridSummary(r)] : []))
  }

  return {
    /** Splits a current grid into parts that tile it; its children go to the part holding them. */
    async split(ctx: RequestContext, code: string, body: SplitBody, repair: boolean): Promise<ReshapeResult> {
      const grid = await kit.writable(ctx, code)
      checkPartsVertices(body.parts, kit.geometry)
      const parentId = await parentIdOf(deps.db, grid)
      const warnings: Warning[] = []
      const parts: { spec: SplitBody['parts'][number]; geojson: string; id: string }[] = []
      // The checks run under the geometry statement timeout; they only read.
      const fit = await geometryTransaction(deps, kit.geometry.timeoutMs, async (tx) => {
        for (const spec of body.parts) {
          checkNewCode(spec.code, grid.level, grid.parent_code)
          await checkUnused(tx, spec.code)
          const prepared = await kit.prepareBoundary(tx, spec.boundary, spec.code, repair)
          await kit.checkBoundary(tx, prepared.geojson, spec.code, parentId, grid.id)
          warnings.push(
            ...prepared.warnings,
            ...kit.householdWarnings(grid.level, spec.households, spec.code),
          )
          parts.push({ spec, geojson: prepared.geojson, id: uuidv7() })
        }
        return reshapeRepo.splitFit(
          tx,
          grid.id,
          parts.map((p) => p.geojson),
        )
      })
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
        throw conflict(
          'grid.split_cuts_child',
          `The split cuts through ${cut.map((c) => c.code).join(', ')}`,
          {
            children: cut.map((c) => c.code),
          },
        )
      }
      const recoded: ReshapeResult['recoded'] = []
      const parentPath = grid.path.includes('.') ? grid.path.slice(0, grid.path.lastIndexOf('.')) : null
      await inTransaction(deps, async (tx) => {
        const successors: GridRef[] = []
        for (const { spec, geojson, id } of parts) {
          const path = pathOf(spec.code, grid.parent_code, parentPath)
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
        )
        const taken = new Set<string>()
        const children = await reshapeRepo.currentChildren(tx, grid.id)
        for (const child of children) {
          const target = successors[fit.children.find((c) => c.id === child.id)?.part ?? -1]
          if (target) await rehome(tx, ctx, child, grid.code, target, taken, recoded)
        }
        await gridsRepo.retire(tx, grid.id)
        const heirIndex = body.parts.findIndex((p) => p.inheritsStaff)
        await succeed(tx, ctx, {
          kind: 'split',
          predecessors: [refOf(grid)],
          successors,
          heir: successors[heirIndex] ?? null,
        })
        await recordAudit(tx, ctx, {
          action: 'grid.split',
          resourceType: 'grid',
          resourceId: grid.code,
          summary: {
            parts: successors.map((s) => s.code),
            recoded: recoded.length,
            reason: body.reason ?? null,
          },
        })
      })
      kit.invalidate()
      return {
        retired: [grid.code],
        created: await createdSummaries(body.parts.map((p) => p.code)),
        recoded,
        warnings,
      }
    },

    /** Merges sibling grids of one level into a new grid; their children move under it. */
    async merge(ctx: RequestContext, body: MergeBody): Promise<ReshapeResult> {
      const grids: Current[] = []
      for (const c of body.codes) grids.push(await kit.writable(ctx, c))
      const first = grids[0] as Current
      const strays = grids.filter((g) => g.parent_code !== first.parent_code || g.level !== first.level)
      if (strays.length > 0) {
        throw badRequest(
          'grid.merge_not_siblings',
          `Only grids of one level under one parent merge: ${strays.map((g) => g.code).join(', ')} differ from ${first.code}`,
        )
      }
      const target = body.into
      checkNewCode(target.code, first.level, first.parent_code)
      await checkUnused(deps.db, target.code)
      const households =
        target.households ??
        (grids.every((g) => g.households !== null)
          ? grids.reduce((n, g) => n + (g.households ?? 0), 0)
          : undefined)
      const population =
        target.population ??
        (grids.every((g) => g.population !== null)
          ? grids.reduce((n, g) => n + (g.population ?? 0), 0)
          : undefined)
      const parentPath = first.path.includes('.') ? first.path.slice(0, first.path.lastIndexOf('.')) : null
      const merged: GridRef = {
        id: uuidv7(),
        code: target.code,
        path: pathOf(target.code, first.parent_code, parentPath),
      }
      const recoded: ReshapeResult['recoded'] = []
      // The union of the boundaries runs under the geometry statement timeout.
      await geometryTransaction(deps, kit.geometry.timeoutMs, async (tx) => {
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
        )
        const taken = new Set<string>()
        for (const g of grids) {
          for (const child of await reshapeRepo.currentChildren(tx, g.id))
            await rehome(tx, ctx, child, g.code, merged, taken, recoded)
          await gridsRepo.retire(tx, g.id)
        }
        await succeed(tx, ctx, {
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
      kit.invalidate()
      return {
        retired: body.codes,
        created: await createdSummaries([merged.code]),
        recoded,
        warnings: kit.householdWarnings(first.level, households, merged.code),
      }
    },
  }
}
