import { lazy } from 'react'
import type { RouteObject } from 'react-router'
import { guarded } from '../app/guarded'

// Its own chunk: only user administrators download it.
const UsersPage = lazy(() => import('./UsersPage').then((m) => ({ default: m.UsersPage })))

export const userRoutes: RouteObject[] = [{ path: 'users', element: guarded('users', <UsersPage />) }]
