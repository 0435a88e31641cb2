import { lazy } from 'react'
import type { RouteObject } from 'react-router'
import { guarded } from '../../app/guarded'

const RevealsPage = lazy(() => import('./RevealsPage').then((m) => ({ default: m.RevealsPage })))

/** The subtree's reveal log 查看记录, under /ledgers. */
export const accessRoutes: RouteObject[] = [
  { path: 'ledgers/reveals', element: guarded('ledgers', <RevealsPage />) },
]
