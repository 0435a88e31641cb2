import { setImmediate } from 'node:timers/promises'
import type { Executor } from '../../db/database'
import type { RequestContext } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { badRequest, conflict, forbidden, notFound, Problem } from '../../lib/problem'
import { safeMessage } from '../../lib/safe-error'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import { checkCode, normaliseLegacyCode, pathOf } from './grids.code'
import {
  checkBoundaryVertices,
  checkImportVertices,
  type GeometryLimits,
  geometryTransaction,
} from './grids.geometry-limits'
import { codeOfFeature, type ImportFailure, parseFeature } from './grids.import'
import { EXCLUSIVE_PARENTS, type LevelScheme, levelOf } from './grids.levels'
import { mayReadGrid, mayWriteUnder, readableSubtrees, visibleChain } from './grids.policy'
import { toGridSummary, toGridView } from './grids.presenter'
import { type GridRow, gridsRepo } from './grids.repo'
import { createReshape } from './grids.reshape'
import { reshapeRepo } from './grids.reshape.repo'
import type { Boundary, GridCreateBody, GridPatch, GridView } from './grids.schema'
import type { CodeReference, SuccessionHook } from './grids.succession'
import { createLocatorCache } from './locate/locator-cache'
import { encodeTile, tileBounds } from './tiles/tiles.encode'
import { levelsAtZoom } from './tiles/tiles.levels'

export interface GridSettings {
  scheme: LevelScheme
  /** Share of a grid's area allowed outside its parent or over a sibling (default 0.5%). */
  tolerance: number
  geometry: GeometryLimits
}

type Warning = GridView['warnings'][number]

/** A grid the caller may not read answers exactly as a missing one: the answer must not tell it exists. */
const gridNotFound = (code: string) => notFound('grid.not_found', `No grid ${code}`)

export function createGridsService(deps: ServiceDeps, settings: GridSettings) {
  const { db } = deps
  const { scheme, tolerance, geometry } = settings
  const locators = createLocatorCache(db)
  /** Whether this database's PostGIS can write vector tiles (ST_AsMVT); learnt on first use. */
  let mvtInDatabase: boolean | undefined

  async function view(code: string, warnings: Warning[] = []): Promise<GridView> {
    const row = await gridsRepo.findByCode(db, code)
    if (!row) throw notFound('grid.not_found', `No grid ${code}`)
    const [ancestors, childCount, lineage] = await Promise.all([
      gridsRepo.ancestors(db, row.path),
      gridsRepo.childCount(db, row.id),
      reshapeRepo.lineageOf(db, row.id),
    ])
    return toGridView(row, { ancestors, childCount, warnings, lineage })
  }

  function householdWarnings(level: string, households: number | undefined, code: string): Warning[] {
    const range = levelOf(scheme, level)?.households
    if (households === undefined || !range || (households >= range.min && households <= range.max)) return []
    return [
      {
        code: 'grid.households_out_of_range',
        message: `Grid ${code} has ${households} households; a ${level} is sized for ${range.min}–${range.max}`,
      },
    ]
  }

  async function checkPlacement(ex: Executor, body: GridCreateBody, code: string) {
    const def = levelOf(scheme, body.level)
    if (!def) throw badRequest('grid.unknown_level', `Unknown level ${body.level}`)
    if (body.exclusive !== (body.sector !== undefined)) {
      throw badRequest(
        'grid.sector_mismatch',
        'An exclusive grid needs a sector, and only an exclusive grid has one',
      )
    }
    const parent = body.parentCode ? await gridsRepo.findByCode(ex, body.parentCode) : undefined
    if (body.parentCode && !parent)
      throw badRequest('grid.parent_not_found', `No parent grid ${body.parentCode}`)
    const allowedParents: readonly string[] = body.exclusive ? EXCLUSIVE_PARENTS : def.parents
    if (parent ? !allowedParents.includes(parent.level) : allowedParents.length > 0) {
      throw badRequest(
        'grid.parent_level',
        `A ${body.level} cannot hang under ${parent ? `a ${parent.level}` : 'nothing'}`,
      )
    }
    const codeCheck = checkCode(scheme, code, body.level, parent?.code ?? null)
    if (!codeCheck.ok)
      throw badRequest(`grid.code_${codeCheck.reason}`, `The code ${code} does not fit: ${codeCheck.reason}`)
    return parent ?? null
  }

  async function checkBoundary(
    ex: Executor,
    geojson: string,
    code: string,
    parentId: string | null,
    selfId: string | null = null,
  ) {
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

  /** The boundary as it will be stored: repaired with ST_MakeValid only when the writer asked. */
  async function prepareBoundary(ex: Executor, boundary: Boundary, code: string, repair: boolean) {
    const geojson = JSON.stringify(boundary)
    const repaired = repair ? await reshapeRepo.repaired(ex, geojson) : null
    if (!repaired) return { geojson, warnings: [] as Warning[] }
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

  /** A current grid the actor may change: grid.manage over its parent. */
  async function writable(ctx: RequestContext, code: string) {
    const grid = await gridsRepo.findByCode(db, normaliseLegacyCode(code))
    if (!grid || grid.valid_to || !mayReadGrid(ctx.actor, grid.path)) throw gridNotFound(code)
    const parentPath = grid.path.includes('.') ? grid.path.slice(0, grid.path.lastIndexOf('.')) : null
    if (!mayWriteUnder(ctx.actor, parentPath))
      throw forbidden('grid.out_of_scope', `You may not change ${grid.code}`)
    return grid
  }

  async function createIn(
    ex: Executor,
    ctx: RequestContext,
    body: GridCreateBody,
    code: string,
    repair = false,
  ): Promise<Warning[]> {
    const named = body.parentCode ? await gridsRepo.findByCode(ex, body.parentCode) : undefined
    // A parent the caller may not see answers as a missing one: the answer must not tell it exists.
    if (named && !mayReadGrid(ctx.actor, named.path))
      throw badRequest('grid.parent_not_found', `No parent grid ${body.parentCode}`)
    const parent = await checkPlacement(ex, body, code)
    if (!mayWriteUnder(ctx.actor, parent?.path ?? null)) {
      throw forbidden('grid.out_of_scope', `You may not create grids under ${parent?.code ?? 'the root'}`)
    }
    if (await gridsRepo.findByCode(ex, code)) throw conflict('grid.code_taken', `The code ${code} is taken`)
    const boundary = await prepareBoundary(ex, body.boundary, code, repair)
    await checkBoundary(ex, boundary.geojson, code, parent?.id ?? null)
    await gridsRepo.insert(ex, {
      id: uuidv7(),
      code,
      name: body.name,
      level: body.level,
      path: pathOf(code, parent?.code ?? null, parent?.path ?? null),
      parent_id: parent?.id ?? null,
      exclusive: body.exclusive,
      sector: body.sector ?? null,
      boundary: boundary.geojson,
      households: body.households ?? null,
      population: body.population ?? null,
      responsible_unit: body.responsibleUnit ?? null,
      attributes: body.attributes,
    })
    await recordAudit(ex, ctx, {
      action: 'grid.create',
      resourceType: 'grid',
      resourceId: code,
      summary: { code, level: body.level, parent: parent?.code ?? null },
    })
    return [...boundary.warnings, ...householdWarnings(body.level, body.households, code)]
  }

  const hooks: SuccessionHook[] = []
  const codeReferences: CodeReference[] = []

  /** A code correction: it must fit, be unused, and the grid must have no children nor anything quoting it. */
  async function checkRecode(grid: GridRow, code: string, parent: GridRow | null) {
    const fit = checkCode(scheme, code, grid.level, parent?.code ?? null)
    if (!fit.ok) throw badRequest(`grid.code_${fit.reason}`, `The code ${code} does not fit: ${fit.reason}`)
    if (await gridsRepo.findByCode(db, code)) throw conflict('grid.code_taken', `The code ${code} is taken`)
    if ((await gridsRepo.childCount(db, grid.id)) > 0)
      throw conflict(
        'grid.code_frozen',
        `${grid.code} has children whose codes embed it: split or merge instead`,
      )
    for (const quotes of codeReferences) {
      if (await quotes(db, grid.id))
        throw conflict(
          'grid.code_frozen',
          `${grid.code} is quoted by existing records and can no longer change`,
        )
    }
  }

  const reshape = createReshape(deps, {
    scheme,
    tolerance,
    geometry,
    hooks,
    writable,
    prepareBoundary,
    checkBoundary,
    householdWarnings,
    invalidate: () => locators.invalidate(),
  })

  return {
    /** A current grid's identity for another module (staff posts, later cases); checks read scope. */
    async current(ctx: RequestContext, code: string) {
      const grid = await gridsRepo.findByCode(db, normaliseLegacyCode(code))
      if (!grid || grid.valid_to || !mayReadGrid(ctx.actor, grid.path)) throw gridNotFound(code)
      return { id: grid.id, code: grid.code, name: grid.name, level: grid.level, path: grid.path }
    },

    /** A current grid by code for a public page (no actor: the notice board is public by design). */
    async publicGrid(code: string) {
      const grid = await gridsRepo.findByCode(db, normaliseLegacyCode(code))
      if (!grid || grid.valid_to) return null
      const ancestors = await gridsRepo.ancestors(db, grid.path)
      return { id: grid.id, code: grid.code, name: grid.name, level: grid.level, path: grid.path, ancestors }
    },

    /** The deployment's levels, root first (for forms and legends). */
    levels: () => scheme.levels.map((l) => ({ ...l, parents: [...l.parents] })),

    view: async (ctx: RequestContext, code: string) => {
      const grid = await view(normaliseLegacyCode(code))
      if (!mayReadGrid(ctx.actor, grid.path)) throw gridNotFound(code)
      return grid
    },

    async list(
      ctx: RequestContext,
      q: { parent?: string; level?: string; q?: string; limit: number; cursor?: string },
    ) {
      const within = readableSubtrees(ctx.actor)
      const rows = await gridsRepo.list(db, {
        parentCode: q.parent,
        level: q.level,
        search: q.q,
        limit: q.limit,
        cursor: q.cursor,
        within,
      })
      const last = rows.at(-1)
      return {
        items: rows.map(toGridSummary),
        nextCursor: rows.length === q.limit && last ? last.code : null,
      }
    },

    ...reshape,

    /** Lets another module follow grids through splits, mergers and re-codings (see grids.succession.ts). */
    onSuccession(hook: SuccessionHook) {
      hooks.push(hook)
    },

    /** Lets another module freeze the codes of the grids it quotes. */
    onCodeReference(reference: CodeReference) {
      codeReferences.push(reference)
    },

    async create(ctx: RequestContext, body: GridCreateBody, repair = false): Promise<GridView> {
      const code = normaliseLegacyCode(body.code)
      checkBoundaryVertices(body.boundary, code, geometry)
      const warnings = await geometryTransaction(deps, geometry.timeoutMs, (tx) =>
        createIn(tx, ctx, body, code, repair),
      )
      locators.invalidate()
      return view(code, warnings)
    },

    /**
     * Imports a FeatureCollection all or nothing: every feature is checked (against the database and
     * the features before it), and if any fails nothing is written and every failure is listed.
     */
    async importCollection(
      ctx: RequestContext,
      features: unknown[],
      repair = false,
    ): Promise<{ created: number; warnings: Warning[] }> {
      checkImportVertices(features, codeOfFeature, geometry)
      const order = features
        .map((feature, index) => ({ feature, index, code: codeOfFeature(feature) }))
        .sort((a, b) => a.code.length - b.code.length || a.index - b.index)
      const failures: ImportFailure[] = []
      const warnings: Warning[] = []
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
            warnings.push(...(await tx.transaction((sp) => createIn(sp, ctx, body, code, repair))))
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
            {
              failures,
            },
          )
        }
        await recordAudit(tx, ctx, {
          action: 'grid.import',
          resourceType: 'grid',
          summary: { features: features.length },
        })
      })
      locators.invalidate()
      return { created: features.length, warnings }
    },

    /** The grid and every current grid below it, as a FeatureCollection in the import format. */
    async exportSubtree(ctx: RequestContext, code: string) {
      const root = await gridsRepo.findByCode(db, normaliseLegacyCode(code))
      if (!root || !mayReadGrid(ctx.actor, root.path)) throw gridNotFound(code)
      const rows = await gridsRepo.subtreeWithBoundaries(db, root.path)
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

    /** Renames, re-counts or re-draws a grid; a new boundary passes the creation rules and keeps its children inside. */
    /**
     * Renames, re-counts or re-draws a grid, or corrects its code. A new boundary passes the creation
     * rules and keeps its children inside; a code changes only while nothing quotes it.
     */
    async update(ctx: RequestContext, code: string, patch: GridPatch, repair = false): Promise<GridView> {
      const grid = await writable(ctx, code)
      const parent = grid.parent_code ? await gridsRepo.findByCode(db, grid.parent_code) : undefined
      const newCode = patch.code === undefined ? undefined : normaliseLegacyCode(patch.code)
      if (newCode !== undefined && newCode !== grid.code) await checkRecode(grid, newCode, parent ?? null)
      if (patch.boundary) checkBoundaryVertices(patch.boundary, grid.code, geometry)
      let boundary: Awaited<ReturnType<typeof prepareBoundary>> | undefined
      await geometryTransaction(deps, geometry.timeoutMs, async (tx) => {
        if (patch.boundary) {
          boundary = await prepareBoundary(tx, patch.boundary, grid.code, repair)
          await checkBoundary(tx, boundary.geojson, grid.code, parent?.id ?? null, grid.id)
          const outside = await gridsRepo.childrenOutside(tx, grid.id, boundary.geojson, tolerance)
          if (outside.length > 0) {
            throw conflict(
              'grid.children_outside',
              `Children of ${grid.code} would lie outside: ${outside.join(', ')}`,
              { children: outside },
            )
          }
        }
        await gridsRepo.update(tx, grid.id, {
          name: patch.name,
          households: patch.households,
          population: patch.population,
          responsible_unit: patch.responsibleUnit,
          boundary: boundary?.geojson,
        })
        if (newCode !== undefined && newCode !== grid.code)
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
          summary: { changed: Object.keys(patch), ...(newCode ? { code: newCode } : {}) },
        })
      })
      locators.invalidate()
      const finalCode = newCode ?? grid.code
      return view(finalCode, [
        ...(boundary?.warnings ?? []),
        ...householdWarnings(grid.level, patch.households ?? undefined, finalCode),
      ])
    },

    /** Retires a grid with no current children; its row stays for history. */
    async retire(ctx: RequestContext, code: string): Promise<void> {
      const grid = await writable(ctx, code)
      if ((await gridsRepo.childCount(db, grid.id)) > 0) {
        throw conflict(
          'grid.has_children',
          `${grid.code} still has current children: retire or move them first`,
        )
      }
      await inTransaction(deps, async (tx) => {
        await gridsRepo.retire(tx, grid.id)
        await recordAudit(tx, ctx, { action: 'grid.retire', resourceType: 'grid', resourceId: grid.code })
      })
      locators.invalidate()
    },

    /** What a grid's children leave uncovered, and which children are sized outside their level's range. */
    async coverage(ctx: RequestContext, code: string) {
      const grid = await gridsRepo.findByCode(db, normaliseLegacyCode(code))
      if (!grid || !mayReadGrid(ctx.actor, grid.path)) throw gridNotFound(code)
      const [gap, children] = await Promise.all([
        // Any reader of the grid may ask: the union of its children runs under the geometry timeout.
        geometryTransaction(deps, geometry.timeoutMs, (tx) => gridsRepo.uncovered(tx, grid.id)),
        gridsRepo.children(db, grid.id),
      ])
      return {
        code: grid.code,
        uncoveredShare: gap.share,
        uncovered: gap.geometry ? (JSON.parse(gap.geometry) as Boundary) : null,
        childrenOutOfRange: children.flatMap((c) =>
          householdWarnings(c.level, c.households ?? undefined, c.code).map((w) => ({ ...w, grid: c.code })),
        ),
      }
    },

    /** A vector tile of the levels that suit the zoom, limited to what the reader may see. */
    async tile(ctx: RequestContext, z: number, x: number, y: number): Promise<Uint8Array> {
      if (x >= 2 ** z || y >= 2 ** z) throw badRequest('tile.out_of_range', `No tile ${z}/${x}/${y}`)
      const levels = levelsAtZoom(z)
      if (levels.length === 0) return new Uint8Array()
      const within = readableSubtrees(ctx.actor)
      if (mvtInDatabase !== false) {
        try {
          const tile = await gridsRepo.tile(db, z, x, y, levels, within)
          mvtInDatabase = true
          return tile
        } catch (error) {
          if (!/protobuf/i.test(safeMessage(error))) throw error
          mvtInDatabase = false // PGlite's PostGIS is built without protobuf-c: encode here instead
        }
      }
      const rows = await gridsRepo.tileFeatures(db, tileBounds(z, x, y, 64 / 4096), levels, within)
      const features = rows.map((r) => ({
        geometry: JSON.parse(r.geometry) as object,
        properties: { code: r.code, name: r.name, level: r.level, exclusive: r.exclusive },
      }))
      return encodeTile(features, z, x, y)
    },

    /** The chain of current grids covering a point, root first; empty outside every grid (for intake). */
    async chainAt(lng: number, lat: number) {
      return (await locators.current()).locate(lng, lat)
    },

    /**
     * In memory (see locate/); the SQL look-up `gridsRepo.locate` gives the same answers. The caller
     * sees the grids of the chain they may read, and of the grids above their scope only the names.
     */
    async locate(ctx: RequestContext, lng: number, lat: number) {
      const chain = visibleChain(ctx.actor, (await locators.current()).locate(lng, lat))
      if (chain.length === 0) throw notFound('grid.point_outside', `No grid covers ${lng}, ${lat}`)
      return { chain }
    },
  }
}

export type GridsService = ReturnType<typeof createGridsService>
