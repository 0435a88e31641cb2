import { lazy } from 'react'
import type { RouteObject } from 'react-router'
import { guarded } from '../app/guarded'

// Its own chunk: only readers of statistics download the table and the chart.
const StatsPage = lazy(() => import('./StatsPage').then((m) => ({ default: m.StatsPage })))

export const statsRoutes: RouteObject[] = [{ path: 'stats', element: guarded('stats', <StatsPage />) }]
