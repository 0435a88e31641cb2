import { lazy, type ReactNode } from 'react'
import { createBrowserRouter } from 'react-router'
import { setUnauthorizedHandler } from '../api/client'
import { LoginPage } from '../auth/LoginPage'
import { RequireAuth } from '../auth/RequireAuth'
import { RequirePermission } from '../auth/RequirePermission'
import { caseRoutes } from '../cases/routes'
import { settingsRoutes } from '../cases-config/routes'
import { HomePage } from '../home/HomePage'
import { AppLayout } from '../layout/AppLayout'
import { NotFound } from '../layout/NotFound'
import { publicRoutes } from '../public/routes'
import { permissionFor, type SectionKey } from './sections'

// Each admin page is its own chunk: a grid worker never downloads the audit table.
const UsersPage = lazy(() => import('../users/UsersPage').then((m) => ({ default: m.UsersPage })))
const RolesPage = lazy(() => import('../roles/RolesPage').then((m) => ({ default: m.RolesPage })))
const ApiKeysPage = lazy(() => import('../apikeys/ApiKeysPage').then((m) => ({ default: m.ApiKeysPage })))
const AuditPage = lazy(() => import('../audit/AuditPage').then((m) => ({ default: m.AuditPage })))
const GridsPage = lazy(() => import('../grids/GridsPage').then((m) => ({ default: m.GridsPage })))
const PasswordPage = lazy(() => import('../auth/PasswordPage').then((m) => ({ default: m.PasswordPage })))
const TwoStepPage = lazy(() => import('../auth/TwoStepPage').then((m) => ({ default: m.TwoStepPage })))

function guarded(section: SectionKey, page: ReactNode) {
  const permission = permissionFor(section)
  return permission ? <RequirePermission permission={permission}>{page}</RequirePermission> : page
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  ...publicRoutes,
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomePage /> },
      ...caseRoutes,
      ...settingsRoutes,
      { path: 'users', element: guarded('users', <UsersPage />) },
      { path: 'roles', element: guarded('roles', <RolesPage />) },
      { path: 'api-keys', element: guarded('apikeys', <ApiKeysPage />) },
      { path: 'grids', element: guarded('grids', <GridsPage />) },
      { path: 'audit', element: guarded('audit', <AuditPage />) },
      { path: 'password', element: <PasswordPage /> },
      { path: 'two-step', element: <TwoStepPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
])

// A session that ends mid-work (expired, revoked, signed out elsewhere) sends the user to sign in again.
setUnauthorizedHandler(() => {
  const { pathname } = router.state.location
  if (pathname !== '/login') void router.navigate('/login', { replace: true, state: { from: pathname } })
})
