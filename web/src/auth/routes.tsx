import { lazy } from 'react'
import type { RouteObject } from 'react-router'
import { LoginPage } from './LoginPage'

// The account pages are their own chunks; the sign-in page is in the first download.
const PasswordPage = lazy(() => import('./PasswordPage').then((m) => ({ default: m.PasswordPage })))
const DevicesPage = lazy(() => import('./DevicesPage').then((m) => ({ default: m.DevicesPage })))
const TwoStepPage = lazy(() => import('./TwoStepPage').then((m) => ({ default: m.TwoStepPage })))

/** Signing in, outside the signed-in shell. */
export const signInRoutes: RouteObject[] = [{ path: '/login', element: <LoginPage /> }]

/** The signed-in user's own account: their password and their second factor. */
export const accountRoutes: RouteObject[] = [
  { path: 'password', element: <PasswordPage /> },
  { path: 'two-step', element: <TwoStepPage /> },
  { path: 'devices', element: <DevicesPage /> },
]
