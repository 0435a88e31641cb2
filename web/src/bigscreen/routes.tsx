import { Spin } from 'antd'
import { lazy, Suspense } from 'react'
import type { RouteObject } from 'react-router'
import { api } from '../api/client'
import { queryClient } from '../app/queryClient'
import { meKey } from '../auth/auth.api'
import { RequireAuth } from '../auth/RequireAuth'
import { RequirePermission } from '../auth/RequirePermission'
import { prefetchBaseMap } from '../map/basemap'
import { prefetchScreen } from './bigscreen.api'

// Lazy: only the big screen downloads MapLibre and ECharts (a chunk of its own, asked for beside
// the page's: the map is made while it still loads).
const loadPage = () => import('./BigScreenPage')
const loadECharts = () => import('./echarts')
const BigScreenPage = lazy(() => loadPage().then((m) => ({ default: m.BigScreenPage })))

/** 大屏: the whole window, outside the desk's menu and header, for every reader of events (case.read). */
export const bigScreenRoutes: RouteObject[] = [
  {
    path: '/screen',
    // Not awaited: the page's chunk, its figures and the base map's configuration are asked for at
    // once, while the sign-in is checked, rather than one after the other.
    loader: ({ request }) => {
      void queryClient.prefetchQuery({
        queryKey: meKey,
        queryFn: () => api.get('/api/auth/me'),
        staleTime: 60_000,
      })
      void loadPage()
      void loadECharts()
      prefetchScreen(queryClient, request.url)
      prefetchBaseMap(queryClient)
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
