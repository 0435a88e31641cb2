import { lazy } from 'react'
import type { RouteObject } from 'react-router'
import { guarded } from '../app/guarded'

// Its own chunk: only key administrators download it.
const ApiKeysPage = lazy(() => import('./ApiKeysPage').then((m) => ({ default: m.ApiKeysPage })))

export const apiKeyRoutes: RouteObject[] = [
  { path: 'api-keys', element: guarded('apikeys', <ApiKeysPage />) },
]
