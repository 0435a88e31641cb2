import type { ServiceDeps } from '../../lib/service'
import type { GridsService } from '../grids/grids.service'
import { createCaseCommands } from './cases.commands'
import { createDispatchOptions } from './cases.dispatch'
import { createCaseInbox } from './cases.inbox'
import { createLookAlikes } from './cases.lookalikes'
import { createCaseQueries } from './cases.queries'
import type { CasesSettings } from './cases.settings'
import type { PhotosSince } from './cases.transition'

/**
 * The cases service the routes and channels (public page, Open311, hotline) use: the queries
 * (cases.queries.ts) and the commands (cases.commands.ts) over one set of settings. What the core
 * needs from its submodules comes in as functions (`photosSince` from the attachments).
 */
export function createCasesService(
  deps: ServiceDeps,
  grids: GridsService,
  settings: CasesSettings,
  from: { photosSince: PhotosSince },
) {
  const lookAlikes = createLookAlikes(deps.db, settings)
  const queries = createCaseQueries(deps, grids, settings, lookAlikes)
  const commands = createCaseCommands(deps, grids, settings, {
    queries,
    lookAlikes,
    photosSince: from.photosSince,
  })
  return {
    ...queries,
    ...createCaseInbox(deps, settings),
    ...commands,
    dispatchOptions: createDispatchOptions(deps),
  }
}

export type CasesService = ReturnType<typeof createCasesService>
