import type { ServiceDeps } from '../../lib/service'
import type { GeometryLimits } from './grids.geometry-limits'
import type { LevelScheme } from './grids.levels'
import type { GridView } from './grids.schema'

export interface GridSettings {
  scheme: LevelScheme
  /** Share of a grid's area allowed outside its parent or over a sibling (default 0.5%). */
  tolerance: number
  geometry: GeometryLimits
}

/** What every grids use case is built with. */
export interface GridsKit {
  deps: ServiceDeps
  settings: GridSettings
  /** Tells this node's locator the grids changed (other nodes see the change version move). */
  invalidate: () => void
}

export type GridWarning = GridView['warnings'][number]
