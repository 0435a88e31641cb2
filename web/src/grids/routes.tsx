import { lazy } from 'react'
import type { RouteObject } from 'react-router'
import { guarded } from '../app/guarded'

// Its own chunk: MapLibre and the grid tree come only with the grid page.
const GridsPage = lazy(() => import('./GridsPage').then((m) => ({ default: m.GridsPage })))

export const gridRoutes: RouteObject[] = [{ path: 'grids', element: guarded('grids', <GridsPage />) }]
