import { Spin } from 'antd'
import { lazy, Suspense } from 'react'
import type { RouteObject } from 'react-router'
import { RequireAuth } from '../auth/RequireAuth'
import { RequirePermission } from '../auth/RequirePermission'

// Lazy: only the big screen downloads ECharts (and MapLibre with it).
const BigScreenPage = lazy(() => import('./BigScreenPage').then((m) => ({ default: m.BigScreenPage })))

/** 大屏: the whole window, outside the desk's menu and header, for every reader of events (case.read). */
export const bigScreenRoutes: RouteObject[] = [
  {
    path: '/screen',
    element: (
      <RequireAuth>
        <RequirePermission permission="case.read">
          <Suspense fallback={<Spin size="large" fullscreen />}>
            <BigScreenPage />
          </Suspense>
        </RequirePermission>
      </RequireAuth>
    ),
  },
]
