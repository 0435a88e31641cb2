import type { ServiceDeps } from '../../lib/service'
import { createUserAccountsService } from './user-accounts.service'
import { createUserGrantsService } from './user-grants.service'
import { createUserAccess, type UsersSettings } from './users.access'

/** Users and their grants, one service for the routes and for staff (posts carry grants). */
export function createUsersService(deps: ServiceDeps, settings: UsersSettings) {
  const access = createUserAccess(deps, settings)
  return {
    ...createUserAccountsService(deps, settings, access),
    ...createUserGrantsService(deps, settings, access),
  }
}

export type UsersService = ReturnType<typeof createUsersService>
