import { createBrowserRouter } from 'react-router'
import { setUnauthorizedHandler } from '../api/client'
import { apiKeyRoutes } from '../apikeys/routes'
import { assessmentRoutes } from '../assessment/routes'
import { auditRoutes } from '../audit/routes'
import { RequireAuth } from '../auth/RequireAuth'
import { accountRoutes, signInRoutes } from '../auth/routes'
import { bigScreenRoutes } from '../bigscreen/routes'
import { bulletinRoutes } from '../bulletins/routes'
import { campaignRoutes } from '../campaigns/routes'
import { caseRoutes } from '../cases/routes'
import { settingsRoutes } from '../cases-config/routes'
import { commandRoutes } from '../command/routes'
import { gridRoutes } from '../grids/routes'
import { homeRoutes } from '../home/routes'
import { AppLayout } from '../layout/AppLayout'
import { NotFound } from '../layout/NotFound'
import { ledgerRoutes } from '../ledgers/routes'
import { patrolRoutes } from '../patrols/routes'
import { publicRoutes } from '../public/routes'
import { roleRoutes } from '../roles/routes'
import { statsRoutes } from '../stats/routes'
import { userRoutes } from '../users/routes'
import { warningRoutes } from '../warnings/routes'

// Each feature registers its pages (and their guards and chunks) in its own routes.tsx; here they are
// only put in place: outside the shell, or inside it behind the sign-in.
export const router = createBrowserRouter([
  ...signInRoutes,
  ...publicRoutes,
  // 大屏: the whole window, without the desk's menu and header.
  ...bigScreenRoutes,
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      ...homeRoutes,
      ...caseRoutes,
      ...commandRoutes,
      ...warningRoutes,
      ...statsRoutes,
      ...assessmentRoutes,
      ...bulletinRoutes,
      ...settingsRoutes,
      ...userRoutes,
      ...roleRoutes,
      ...apiKeyRoutes,
      ...gridRoutes,
      ...ledgerRoutes,
      ...campaignRoutes,
      ...patrolRoutes,
      ...auditRoutes,
      ...accountRoutes,
      { path: '*', element: <NotFound /> },
    ],
  },
])

// A session that ends mid-work (expired, revoked, signed out elsewhere) sends the user to sign in again.
setUnauthorizedHandler(() => {
  const { pathname } = router.state.location
  if (pathname !== '/login') void router.navigate('/login', { replace: true, state: { from: pathname } })
})
