import { lazy } from 'react'
import type { RouteObject } from 'react-router'
import { guarded } from '../app/guarded'
import { RequirePermission } from '../auth/RequirePermission'

// Their own chunk: only those who read assessments download the ranking and the scheme editor.
const AssessmentPage = lazy(() => import('./AssessmentPage').then((m) => ({ default: m.AssessmentPage })))
const SchemesPage = lazy(() => import('./SchemesPage').then((m) => ({ default: m.SchemesPage })))

/** 考核: the ranking (?scheme=&period=&area=&subject=) and, for its managers, the schemes. */
export const assessmentRoutes: RouteObject[] = [
  { path: 'assessment', element: guarded('assessment', <AssessmentPage />) },
  {
    path: 'assessment/schemes',
    element: (
      <RequirePermission permission="assessment.manage">
        <SchemesPage />
      </RequirePermission>
    ),
  },
]
