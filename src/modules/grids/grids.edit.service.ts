import type { RequestContext } from '../../lib/context'
import { conflict } from '../../lib/problem'
import { inTransaction } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import { writableGrid } from './grids.access'
import { checkBoundary, type PreparedBoundary, prepareBoundary } from './grids.boundary'
import { normaliseLegacyCode, pathOf } from './grids.code'
import { createGridIn } from './grids.create'
import { checkBoundaryVertices, geometryTransaction } from './grids.geometry-limits'
import { checkRecode, householdWarnings } from './grids.placement'
import { gridsRepo } from './grids.repo'
import { reshapeRepo } from './grids.reshape.repo'
import type { GridCreateBody, GridPatch, GridView } from './grids.schema'
import type { GridsKit } from './grids.settings'
import type { CodeReference } from './grids.succession'
import { viewWritten } from './grids.views'

/** Writing one grid: create, update (re-draw, re-count, re-code) and retire. */
export function createGridsEditService(kit: GridsKit, codeReferences: readonly CodeReference[]) {
  const { deps, settings, invalidate } = kit
  const { db } = deps
  const { scheme, tolerance, geometry } = settings

  return {
    async create(ctx: RequestContext, body: GridCreateBody, repair = false): Promise<GridView> {
      const code = normaliseLegacyCode(body.code)
      checkBoundaryVertices(body.boundary, code, geometry)
      const warnings = await geometryTransaction(deps, geometry.timeoutMs, (tx) =>
        createGridIn(tx, ctx, settings, body, code, repair),
      )
      invalidate()
      return viewWritten(db, ctx.actor, code, warnings)
    },

    /**
     * Renames, re-counts or re-draws a grid, or corrects its code. A new boundary passes the creation
     * rules and keeps its children inside; a code changes only while nothing quotes it.
     */
    async update(ctx: RequestContext, code: string, patch: GridPatch, repair = false): Promise<GridView> {
      const grid = await writableGrid(db, ctx.actor, code)
      const parent = grid.parent_code ? await gridsRepo.findByCode(db, grid.parent_code) : undefined
      const normalised = patch.code === undefined ? undefined : normaliseLegacyCode(patch.code)
      const newCode = normalised !== undefined && normalised !== grid.code ? normalised : undefined
      if (newCode !== undefined) await checkRecode(db, scheme, codeReferences, grid, newCode, parent ?? null)
      if (patch.boundary) checkBoundaryVertices(patch.boundary, grid.code, geometry)
      let boundary: PreparedBoundary | undefined
      await geometryTransaction(deps, geometry.timeoutMs, async (tx) => {
        if (patch.boundary) {
          boundary = await prepareBoundary(tx, patch.boundary, grid.code, repair)
          await checkBoundary(tx, tolerance, boundary.geojson, grid.code, parent?.id ?? null, grid.id)
          const outside = await gridsRepo.childrenOutside(tx, grid.id, boundary.geojson, tolerance)
          if (outside.length > 0)
            throw conflict(
              'grid.children_outside',
              `Children of ${grid.code} would lie outside: ${outside.join(', ')}`,
              {
                children: outside,
              },
            )
        }
        await gridsRepo.update(tx, grid.id, {
          name: patch.name,
          households: patch.households,
          population: patch.population,
          responsible_unit: patch.responsibleUnit,
          boundary: boundary?.geojson,
        })
        if (newCode !== undefined)
          await reshapeRepo.changeCode(
            tx,
            grid.id,
            newCode,
            pathOf(newCode, parent?.code ?? null, parent?.path ?? null),
          )
        await recordAudit(tx, ctx, {
          action: 'grid.update',
          resourceType: 'grid',
          resourceId: grid.code,
          summary: { changed: Object.keys(patch), ...(normalised ? { code: normalised } : {}) },
        })
      })
      invalidate()
      const finalCode = normalised ?? grid.code
      return viewWritten(db, ctx.actor, finalCode, [
        ...(boundary?.warnings ?? []),
        ...householdWarnings(scheme, grid.level, patch.households ?? undefined, finalCode),
      ])
    },

    /** Retires a grid with no current children; its row stays for history. */
    async retire(ctx: RequestContext, code: string): Promise<void> {
      const grid = await writableGrid(db, ctx.actor, code)
      if ((await gridsRepo.childCount(db, grid.id)) > 0)
        throw conflict(
          'grid.has_children',
          `${grid.code} still has current children: retire or move them first`,
        )
      await inTransaction(deps, async (tx) => {
        await gridsRepo.retire(tx, grid.id)
        await recordAudit(tx, ctx, { action: 'grid.retire', resourceType: 'grid', resourceId: grid.code })
      })
      invalidate()
    },
  }
}
