import type { Executor } from '../../../db/database'
import type { RequestContext } from '../../../lib/context'
import { uuidv7 } from '../../../lib/ids'
import { recordAudit } from '../../audit/audit.service'
import { ledgerSubtrees, mayWriteLedger } from '../ledgers.policy'
import type { BuildingRecord } from '../places/buildings.fields'
import { type ImportBuildingRow, placesImportRepo } from '../places/places.import.repo'
import { placesRepo } from '../places/places.repo'
import type { FieldError } from '../validate/fields'
import type { ImportItem, RowOutcome, SheetWriter } from './imports.writer'

/** Whether a grid path lies in the subtree of another (ltree `<@`). */
export const pathWithin = (path: string, root: string) => path === root || path.startsWith(`${root}.`)

/**
 * The building a row names: its code in the grid given or below it. Several (one in each of two
 * micro-grids) need the row to say which, by the leaf grid's code or the building's point.
 */
export function buildingsNamed(
  rows: readonly ImportBuildingRow[],
  code: string,
  grid: { id: string; path: string },
) {
  const within = rows.filter((b) => b.code === code && pathWithin(b.grid_path, grid.path))
  const exact = within.filter((b) => b.grid_id === grid.id)
  return exact.length ? exact : within
}

export const ambiguousBuilding = (gridCode: string, code: string, field = 'gridCode'): FieldError => ({
  field,
  code: 'ledger.building_ambiguous',
  message: `网格“${gridCode}”下有多个编码为“${code}”的建筑物，请填写其所在的最末级网格编码`,
})

type Leaf = { id: string; path: string; code: string }

const stale: FieldError = {
  field: 'code',
  code: 'ledger.version_conflict',
  message: '该建筑物刚被他人修改，请重新导入此行',
}
const repeated: FieldError = {
  field: 'code',
  code: 'ledger.building_repeated',
  message: '同一建筑物在表中以不同的网格编码出现了多次，请合并为一行',
}

/**
 * Buildings 建筑物: one per code within the leaf grid holding its point, as the places ledger places
 * them. The row's 所属网格编码 is that grid or one above it, and its point must lie inside it. Without
 * a point a row updates the one building of that code there (its point kept); a new building needs
 * its point. An import never moves a building to another grid (its page does, with its residents).
 * Non-empty cells replace, empty ones keep; each building written is audited as the page's writes are.
 */
export function buildingsWriter(): SheetWriter<BuildingRecord, ImportItem<BuildingRecord>> {
  /** The leaf grid at the row's point, when it lies inside the row's grid; else why not. */
  function leafFor(
    ctx: RequestContext,
    item: ImportItem<BuildingRecord>,
    leaf: Leaf | undefined,
  ): Leaf | FieldError | null {
    const { point, gridCode } = item.record
    if (!point) return null
    if (!leaf)
      return {
        field: 'lng',
        code: 'ledger.outside_grids',
        message: `坐标（${point.lng}, ${point.lat}）不在任何网格内`,
      }
    if (!pathWithin(leaf.path, item.grid.path) || !mayWriteLedger(ctx.actor, leaf.path))
      return {
        field: 'lng',
        code: 'ledger.point_not_in_grid',
        message: `坐标（${point.lng}, ${point.lat}）位于网格“${leaf.code}”，不在所属网格“${gridCode}”内`,
      }
    return leaf
  }

  async function writeOne(
    ex: Executor,
    ctx: RequestContext,
    item: ImportItem<BuildingRecord>,
    known: ImportBuildingRow[],
    at: Leaf | undefined,
  ): Promise<RowOutcome> {
    const r = item.record
    const leaf = leafFor(ctx, item, at)
    if (leaf && 'field' in leaf) return leaf
    const named = leaf
      ? known.filter((b) => b.code === r.code && b.grid_id === leaf.id)
      : buildingsNamed(known, r.code, item.grid)
    if (named.length > 1) return ambiguousBuilding(r.gridCode, r.code)
    const row = named[0]
    if (row) {
      const changed = await placesRepo.updateBuilding(ex, row.id, row.version, {
        name: r.name,
        address: r.address,
        road: r.road ?? undefined,
        number: r.number ?? undefined,
        estate: r.estate ?? undefined,
        use: r.use ?? undefined,
        floors: r.floors ?? undefined,
        ...(r.point ? { point: r.point } : {}),
      })
      if (!changed) return stale
      Object.assign(row, { version: row.version + 1 })
      await recordAudit(ex, ctx, {
        action: 'ledger.building_update',
        resourceType: 'building',
        resourceId: row.id,
        summary: { via: 'import', grid: row.grid_code, code: row.code },
      })
      return 'updated'
    }
    if (!leaf || !r.point)
      return {
        field: 'lng',
        code: 'ledger.point_required',
        message: `网格“${r.gridCode}”下没有编码为“${r.code}”的建筑物；新建建筑物须填写经度、纬度`,
      }
    const id = uuidv7()
    const inserted = await placesImportRepo.insertBuilding(ex, {
      id,
      gridId: leaf.id,
      gridPath: leaf.path,
      code: r.code,
      name: r.name,
      address: r.address,
      road: r.road,
      number: r.number,
      estate: r.estate,
      use: r.use,
      floors: r.floors,
      point: r.point,
    })
    // Taken meanwhile by a batch written beside this one (the same building under another grid code).
    if (!inserted) return repeated
    known.push({
      id,
      grid_id: leaf.id,
      grid_path: leaf.path,
      grid_code: leaf.code,
      code: r.code,
      name: r.name,
      address: r.address,
      road: r.road,
      number: r.number,
      estate: r.estate,
      use: r.use,
      floors: r.floors,
      lng: r.point.lng,
      lat: r.point.lat,
      version: 1,
    })
    await recordAudit(ex, ctx, {
      action: 'ledger.building_create',
      resourceType: 'building',
      resourceId: id,
      summary: { via: 'import', grid: leaf.code, code: r.code },
    })
    return 'created'
  }

  return {
    prepare: (items) => [...items],
    async write(ex, ctx, items) {
      const known = await placesImportRepo.buildingsByCodes(
        ex,
        [...new Set(items.map((i) => i.record.code))],
        ledgerSubtrees(ctx.actor, 'ledger.write'),
      )
      const located = items.flatMap((item, i) => (item.record.point ? [{ i, point: item.record.point }] : []))
      const leaves = await placesImportRepo.leafGrids(
        ex,
        located.map((l) => l.point),
      )
      const leafOf = new Map(located.map((l, n) => [l.i, leaves.get(n)]))
      const outcomes: RowOutcome[] = []
      for (const [i, item] of items.entries())
        outcomes.push(await writeOne(ex, ctx, item, known, leafOf.get(i)))
      return outcomes
    },
  }
}
