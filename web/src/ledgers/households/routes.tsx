import { lazy } from 'react'
import type { RouteObject } from 'react-router'
import { guarded } from '../../app/guarded'

// Their own chunk: the households pages load when the tab is opened.
const HouseholdsPage = lazy(() => import('./HouseholdsPage').then((m) => ({ default: m.HouseholdsPage })))
const HouseholdPage = lazy(() => import('./HouseholdPage').then((m) => ({ default: m.HouseholdPage })))

/** The households pages of the ledgers, under /ledgers (registered in ../routes.tsx). */
export const householdsRoutes: RouteObject[] = [
  { path: 'ledgers/households', element: guarded('ledgers', <HouseholdsPage />) },
  { path: 'ledgers/households/:id', element: guarded('ledgers', <HouseholdPage />) },
]
