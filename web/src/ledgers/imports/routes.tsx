import { lazy } from 'react'
import type { RouteObject } from 'react-router'
import { RequirePermission } from '../../auth/RequirePermission'

const ImportsPage = lazy(() => import('./ImportsPage').then((m) => ({ default: m.ImportsPage })))

/** The imports pages of the ledgers, under /ledgers (registered in ../routes.tsx). */
export const importsRoutes: RouteObject[] = [
  {
    path: 'ledgers/imports',
    element: (
      <RequirePermission permission="ledger.export">
        <ImportsPage />
      </RequirePermission>
    ),
  },
]
