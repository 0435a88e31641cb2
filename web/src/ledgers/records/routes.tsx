import { lazy } from 'react'
import type { RouteObject } from 'react-router'
import { guarded } from '../../app/guarded'

const OrganizationsPage = lazy(() =>
  import('./OrganizationsPage').then((m) => ({ default: m.OrganizationsPage })),
)
const DevicesPage = lazy(() => import('./DevicesPage').then((m) => ({ default: m.DevicesPage })))
const DisputesPage = lazy(() => import('./DisputesPage').then((m) => ({ default: m.DisputesPage })))

/** Organisations, devices and disputes, under /ledgers. */
export const recordsRoutes: RouteObject[] = [
  { path: 'ledgers/organizations', element: guarded('ledgers', <OrganizationsPage />) },
  { path: 'ledgers/devices', element: guarded('ledgers', <DevicesPage />) },
  { path: 'ledgers/disputes', element: guarded('ledgers', <DisputesPage />) },
]
