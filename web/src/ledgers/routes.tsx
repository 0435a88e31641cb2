import type { RouteObject } from 'react-router'
import { groupsRoutes } from './groups/routes'
import { importsRoutes } from './imports/routes'
import { peopleRoutes } from './people/routes'
import { placesRoutes } from './places/routes'
import { recordsRoutes } from './records/routes'

// The ledgers' parts each keep their pages in their own folder; their paths start with ledgers/.
export const ledgerRoutes: RouteObject[] = [
  ...peopleRoutes,
  ...placesRoutes,
  ...groupsRoutes,
  ...importsRoutes,
  ...recordsRoutes,
]
