import { lazy } from 'react'
import type { RouteObject } from 'react-router'
import { guarded } from '../../app/guarded'

// Their own chunk: the map of the building form comes only with these pages.
const BuildingsPage = lazy(() => import('./BuildingsPage').then((m) => ({ default: m.BuildingsPage })))
const BuildingPage = lazy(() => import('./BuildingPage').then((m) => ({ default: m.BuildingPage })))

/** The places pages of the ledgers, under /ledgers (registered in ../routes.tsx). */
export const placesRoutes: RouteObject[] = [
  { path: 'ledgers/buildings', element: guarded('ledgers', <BuildingsPage />) },
  { path: 'ledgers/buildings/:id', element: guarded('ledgers', <BuildingPage />) },
]
