import { lazy } from 'react'
import type { RouteObject } from 'react-router'
import { guarded } from '../../app/guarded'

const ProposalsPage = lazy(() => import('./ProposalsPage').then((m) => ({ default: m.ProposalsPage })))

/** The review queue of field corrections 采集审核, under /ledgers (its menu entry is in app/sections.ts). */
export const proposalsRoutes: RouteObject[] = [
  { path: 'ledgers/proposals', element: guarded('proposals', <ProposalsPage />) },
]
