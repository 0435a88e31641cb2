import { lazy } from 'react'
import type { RouteObject } from 'react-router'
import { permissionFor } from '../app/sections'
import { RequirePermission } from '../auth/RequirePermission'

// Lazy: the inbox does not download MapLibre; the detail and create pages do.
const CasesPage = lazy(() => import('./CasesPage').then((m) => ({ default: m.CasesPage })))
const CaseDetailPage = lazy(() => import('./CaseDetailPage').then((m) => ({ default: m.CaseDetailPage })))
const HotlineImportPage = lazy(() =>
  import('./import/HotlineImportPage').then((m) => ({ default: m.HotlineImportPage })),
)
const CaseCreatePage = lazy(() => import('./CaseCreatePage').then((m) => ({ default: m.CaseCreatePage })))

const read = permissionFor('cases') ?? 'case.read'

/** The event screens for staff: the inbox, reporting, the hotline import, and one event. */
export const caseRoutes: RouteObject[] = [
  {
    path: 'cases',
    element: (
      <RequirePermission permission={read}>
        <CasesPage />
      </RequirePermission>
    ),
  },
  {
    path: 'cases/new',
    element: (
      <RequirePermission permission="case.report">
        <CaseCreatePage />
      </RequirePermission>
    ),
  },
  {
    path: 'cases/import',
    element: (
      <RequirePermission permission="case.accept">
        <HotlineImportPage />
      </RequirePermission>
    ),
  },
  {
    path: 'cases/:id',
    element: (
      <RequirePermission permission={read}>
        <CaseDetailPage />
      </RequirePermission>
    ),
  },
]
