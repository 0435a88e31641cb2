import { lazy } from 'react'
import type { RouteObject } from 'react-router'
import { RequirePermission } from '../auth/RequirePermission'

// Lazy: only this page of the command centre downloads MapLibre.
const LiveMapPage = lazy(() => import('./LiveMapPage').then((m) => ({ default: m.LiveMapPage })))

/** 指挥中心: the live map 事件一张图, for every reader of events (case.read). */
export const commandRoutes: RouteObject[] = [
  {
    path: 'command/map',
    element: (
      <RequirePermission permission="case.read">
        <LiveMapPage />
      </RequirePermission>
    ),
  },
]
