import { Spin } from 'antd'
import { lazy, Suspense } from 'react'
import type { RouteObject } from 'react-router'
import { queryClient } from '../app/queryClient'
import { RequireAuth } from '../auth/RequireAuth'
import { RequirePermission } from '../auth/RequirePermission'
import { prefetchScreen } from './bigscreen.api'

// Lazy: only the big screen downloads ECharts (and MapLibre with it).
const BigScreenPage = lazy(() => import('./BigScreenPage').then((m) => ({ default: m.BigScreenPage })))

/** 大屏: the whole window, outside the desk's menu and header, for every reader of events (case.read). */
export const bigScreenRoutes: RouteObject[] = [
  {
    path: '/screen',
    // Not awaited: the page renders (and its chunk loads) while the figures are on their way.
    loader: ({ request }) => {
      prefetchScreen(queryClient, request.url)
      return null
    },
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
