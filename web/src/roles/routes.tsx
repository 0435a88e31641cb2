import { lazy } from 'react'
import type { RouteObject } from 'react-router'
import { guarded } from '../app/guarded'

// Its own chunk: only role administrators download it.
const RolesPage = lazy(() => import('./RolesPage').then((m) => ({ default: m.RolesPage })))

export const roleRoutes: RouteObject[] = [{ path: 'roles', element: guarded('roles', <RolesPage />) }]
