import { setImmediate } from 'node:timers/promises'
import type { RequestContext } from '../../lib/context'
import { Problem } from '../../lib/problem'
import { recordAudit } from '../audit/audit.service'
import { readableGrid } from './grids.access'
import { normaliseLegacyCode } from './grids.code'
import { createGridIn } from './grids.create'
import { checkImportVertices, geometryTransaction } from './grids.geometry-limits'
import { codeOfFeature, type ImportFailure, parseFeature } from './grids.import'
import { gridsRepo } from './grids.repo'
import type { Boundary } from './grids.schema'
import type { GridsKit, GridWarning } from './grids.settings'

/** Grids in and out as GeoJSON FeatureCollections (a Shapefile is read into one by the route). */
export function createGridImportExportService(kit: GridsKit) {
  const { deps, settings, invalidate } = kit
  const { geometry } = settings

  return {
    /**
     * Imports a FeatureCollection all or nothing: every feature is checked (against the database and
     * the features before it), and if any fails nothing is written and every failure is listed.
     */
    async importCollection(
      ctx: RequestContext,
      features: unknown[],
      repair = false,
    ): Promise<{ created: number; warnings: GridWarning[] }> {
      checkImportVertices(features, codeOfFeature, geometry)
      const order = features
        .map((feature, index) => ({ feature, index, code: codeOfFeature(feature) }))
        .sort((a, b) => a.code.length - b.code.length || a.index - b.index)
      const failures: ImportFailure[] = []
      const warnings: GridWarning[] = []
      await geometryTransaction(deps, geometry.timeoutMs, async (tx) => {
        for (const { feature, index, code } of order) {
          // One feature at a time: the embedded database runs on this thread, and /healthz must answer.
          await setImmediate()
          const parsed = parseFeature(feature)
          if (!parsed.ok) {
            failures.push({
              index,
              code,
              problem: parsed.problem ?? 'request.invalid',
              reason: parsed.reason,
            })
            continue
          }
          const body = parsed.body
          try {
            // A savepoint per feature: a failed one leaves the others' work in place until the end.
            const code = normaliseLegacyCode(body.code)
            warnings.push(
              ...(await tx.transaction((sp) => createGridIn(sp, ctx, settings, body, code, repair))),
            )
          } catch (error) {
            if (!(error instanceof Problem)) throw error
            failures.push({ index, code, problem: error.code, reason: error.title })
          }
        }
        if (failures.length > 0) {
          failures.sort((a, b) => a.index - b.index)
          throw new Problem(
            422,
            'grid.import_failed',
            `${failures.length} of ${features.length} features failed: nothing was imported`,
            { failures },
          )
        }
        await recordAudit(tx, ctx, {
          action: 'grid.import',
          resourceType: 'grid',
          summary: { features: features.length },
        })
      })
      invalidate()
      return { created: features.length, warnings }
    },

    /** The grid and every current grid below it, as a FeatureCollection in the import format. */
    async exportSubtree(ctx: RequestContext, code: string) {
      const root = await readableGrid(deps.db, ctx.actor, code)
      const rows = await gridsRepo.subtreeWithBoundaries(deps.db, root.path)
      return {
        type: 'FeatureCollection' as const,
        features: rows.map((r) => ({
          type: 'Feature' as const,
          properties: {
            code: r.code,
            name: r.name,
            level: r.level,
            parent_code: r.parent_code,
            households: r.households,
            population: r.population,
            exclusive: r.exclusive,
            sector: r.sector,
          },
          geometry: JSON.parse(r.boundary) as Boundary,
        })),
      }
    },
  }
}
