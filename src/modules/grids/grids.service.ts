import type { ServiceDeps } from '../../lib/service'
import { createGridsCoreService } from './grids.core.service'
import { createGridsEditService } from './grids.edit.service'
import { createGridImportExportService } from './grids.import-export.service'
import { createMergeService } from './grids.merge.service'
import { createGridOutlineService } from './grids.outline'
import { gridsRepo } from './grids.repo'
import { createReshapePlanService } from './grids.reshape-plan.service'
import type { GridSettings, GridsKit } from './grids.settings'
import { createSplitService } from './grids.split.service'
import { createSuccessionRegistry } from './grids.succession'
import { createLocateService } from './locate/locate.service'
import { createLocatorCache } from './locate/locator-cache'
import { createPublicMapService } from './public/public-map.service'
import { createTileCache } from './tiles/tile-cache'
import { createTilesService } from './tiles/tiles.service'

export type { GridSettings } from './grids.settings'

/**
 * The grids module as the rest of the application sees it: its use cases (one service each) over one
 * in-memory locator and one cache of vector tiles, which every write invalidates, and one registry of
 * succession hooks.
 */
export function createGridsService(deps: ServiceDeps, settings: GridSettings) {
  const locators = createLocatorCache(deps.db)
  const tiles = createTileCache({ readVersion: () => gridsRepo.changeVersion(deps.db) })
  const succession = createSuccessionRegistry()
  const invalidate = () => {
    locators.invalidate()
    tiles.invalidate()
  }
  const kit: GridsKit = { deps, settings, invalidate }
  return {
    ...createGridsCoreService(kit),
    ...createGridOutlineService(kit),
    ...createGridsEditService(kit, succession.codeReferences),
    ...createGridImportExportService(kit),
    ...createSplitService(kit, succession),
    ...createMergeService(kit, succession),
    ...createReshapePlanService(kit),
    ...createLocateService(locators),
    ...createTilesService(deps.db, tiles),
    ...createPublicMapService(kit),
    /** Lets another module follow grids through splits, mergers and re-codings (see grids.succession.ts). */
    onSuccession: succession.onSuccession,
    /** Lets another module freeze the codes of the grids it quotes. */
    onCodeReference: succession.onCodeReference,
  }
}

export type GridsService = ReturnType<typeof createGridsService>
