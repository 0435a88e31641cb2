import { Outlet, type RouteObject } from 'react-router'
import { accessRoutes } from './access/routes'
import { groupsRoutes } from './groups/routes'
import { householdsRoutes } from './households/routes'
import { importsRoutes } from './imports/routes'
import { LedgerTabs } from './LedgerTabs'
import { peopleRoutes } from './people/routes'
import { placesRoutes } from './places/routes'
import { proposalsRoutes } from './proposals/routes'
import { recordsRoutes } from './records/routes'

// The ledgers' parts each keep their pages in their own folder; their paths start with ledgers/.
// Every ledger page opens under the tab bar that leads to the others.
export const ledgerRoutes: RouteObject[] = [
  {
    element: (
      <>
        <LedgerTabs />
        <Outlet />
      </>
    ),
    children: [
      ...peopleRoutes,
      ...householdsRoutes,
      ...placesRoutes,
      ...groupsRoutes,
      ...importsRoutes,
      ...recordsRoutes,
      ...accessRoutes,
      ...proposalsRoutes,
    ],
  },
]
