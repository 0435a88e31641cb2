import { lazy } from 'react'
import type { RouteObject } from 'react-router'
import { guarded } from '../app/guarded'
import { RequirePermission } from '../auth/RequirePermission'

const CompliancePage = lazy(() => import('./CompliancePage').then((m) => ({ default: m.CompliancePage })))
const WorkerPage = lazy(() => import('./WorkerPage').then((m) => ({ default: m.WorkerPage })))
// The detail and the settings download MapLibre; the compliance table does not.
const PatrolPage = lazy(() => import('./PatrolPage').then((m) => ({ default: m.PatrolPage })))
const SettingsPage = lazy(() => import('./SettingsPage').then((m) => ({ default: m.SettingsPage })))

/** 巡查: compliance of the reader's workers, a worker's week, one patrol, and the settings. */
export const patrolRoutes: RouteObject[] = [
  { path: 'patrols', element: guarded('patrols', <CompliancePage />) },
  { path: 'patrols/workers/:userId', element: guarded('patrols', <WorkerPage />) },
  {
    path: 'patrols/settings',
    element: (
      <RequirePermission permission="patrol.configure">
        <SettingsPage />
      </RequirePermission>
    ),
  },
  { path: 'patrols/:id', element: guarded('patrols', <PatrolPage />) },
]
