import { Spin } from 'antd'
import { lazy, type ReactNode, Suspense } from 'react'
import type { RouteObject } from 'react-router'
import { PublicShell } from './PublicShell'

// The map makes the report page heavy: residents download it only when they report.
const ReportPage = lazy(() => import('./ReportPage').then((m) => ({ default: m.ReportPage })))
const TrackPage = lazy(() => import('./TrackPage').then((m) => ({ default: m.TrackPage })))

const page = (element: ReactNode) => (
  <PublicShell>
    <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '64px auto' }} />}>
      {element}
    </Suspense>
  </PublicShell>
)

/** The resident's pages, outside the signed-in shell: report a problem, follow it by its link. */
export const publicRoutes: RouteObject[] = [
  { path: '/report', element: page(<ReportPage />) },
  { path: '/track/:no', element: page(<TrackPage />) },
]
