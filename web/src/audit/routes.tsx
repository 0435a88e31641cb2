import { lazy } from 'react'
import type { RouteObject } from 'react-router'
import { guarded } from '../app/guarded'

// Its own chunk: a grid worker never downloads the audit table.
const AuditPage = lazy(() => import('./AuditPage').then((m) => ({ default: m.AuditPage })))

export const auditRoutes: RouteObject[] = [{ path: 'audit', element: guarded('audit', <AuditPage />) }]
