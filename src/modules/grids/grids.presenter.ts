import type { GridAction } from './grids.policy'
import type { GridRow } from './grids.repo'
import type { LineageRow } from './grids.reshape.repo'
import type { Boundary, GridRoot, GridSummary, GridView } from './grids.schema'

export function toGridSummary(row: GridRow): GridSummary {
  return {
    code: row.code,
    name: row.name,
    level: row.level,
    path: row.path,
    parentCode: row.parent_code,
    exclusive: row.exclusive,
    sector: row.sector,
    households: row.households,
    population: row.population,
  }
}

export function toGridView(
  row: GridRow & { boundary: string },
  extra: Pick<GridView, 'ancestors' | 'childCount' | 'warnings'> & {
    lineage: LineageRow[]
    abilities: GridAction[]
  },
): GridView {
  return {
    ...toGridSummary(row),
    responsibleUnit: row.responsible_unit,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    attributes: row.attributes ?? {},
    boundary: JSON.parse(row.boundary) as Boundary,
    ...extra,
    lineage: extra.lineage.map((l) => ({
      direction: l.direction,
      code: l.code,
      name: l.name,
      kind: l.kind as GridView['lineage'][number]['kind'],
      effectiveOn: l.effective_on,
      reason: l.reason,
      recordedAt: new Date(l.recorded_at).toISOString(),
      recordedBy: l.recorded_by,
    })),
  }
}

/** A root of the reader's tree, with the box the map fits to at open. */
export function toGridRoot(row: GridRow & { bbox: [number, number, number, number] }): GridRoot {
  return { ...toGridSummary(row), bbox: row.bbox.map(Number) as GridRoot['bbox'] }
}
