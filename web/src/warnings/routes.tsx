import { lazy } from 'react'
import type { RouteObject } from 'react-router'
import { guarded } from '../app/guarded'

const WarningsPage = lazy(() => import('./WarningsPage').then((m) => ({ default: m.WarningsPage })))

/** 预警: the warnings of the reader's subtrees, one opened in a drawer (?id=). */
export const warningRoutes: RouteObject[] = [
  { path: 'warnings', element: guarded('warnings', <WarningsPage />) },
]
