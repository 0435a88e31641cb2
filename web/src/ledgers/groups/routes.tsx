import { lazy } from 'react'
import type { RouteObject } from 'react-router'
import { RequirePermission } from '../../auth/RequirePermission'

const GroupsBoardPage = lazy(() => import('./GroupsBoardPage').then((m) => ({ default: m.GroupsBoardPage })))
const DueVisitsPage = lazy(() => import('./DueVisitsPage').then((m) => ({ default: m.DueVisitsPage })))

/** The groups pages of the ledgers, under /ledgers (registered in ../routes.tsx). */
export const groupsRoutes: RouteObject[] = [
  {
    path: 'ledgers/groups',
    element: (
      <RequirePermission permission="ledger.special">
        <GroupsBoardPage />
      </RequirePermission>
    ),
  },
  {
    path: 'ledgers/visits',
    element: (
      <RequirePermission permission="ledger.special">
        <DueVisitsPage />
      </RequirePermission>
    ),
  },
]
