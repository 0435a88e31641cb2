import { loadConfig } from '../../src/config'
import type { Db } from '../../src/db/database'
import { loadLevelScheme } from '../../src/modules/grids/grids.scheme-file'
import { createGridsService, type GridsService } from '../../src/modules/grids/grids.service'
import { createDepartmentsService } from '../../src/modules/staff/departments.service'

export type { GridsService }

/** The grids module over a database with the shipped settings, for tests that run without an app. */
export function gridsAt(db: Db): GridsService {
  const config = loadConfig({})
  return createGridsService(
    { db, afterWrite: () => {} },
    {
      scheme: loadLevelScheme(undefined),
      tolerance: config.WANGGE_GRID_TOLERANCE,
      geometry: {
        perFeature: config.WANGGE_GRID_MAX_VERTICES,
        perImport: config.WANGGE_IMPORT_MAX_VERTICES,
        timeoutMs: config.WANGGE_GEOMETRY_TIMEOUT_MS,
      },
    },
  )
}

/** The departments 职能部门 use cases over a database, on the grids service given. */
export function departmentsAt(db: Db, grids: GridsService) {
  return createDepartmentsService({ db, afterWrite: () => {} }, grids)
}
