import { lazy } from 'react'
import { Navigate, type RouteObject } from 'react-router'
import { guarded } from '../../app/guarded'

// Their own chunks: the table and the profile load when a ledger is opened.
const PeoplePage = lazy(() => import('./PeoplePage').then((m) => ({ default: m.PeoplePage })))
const PersonPage = lazy(() => import('./PersonPage').then((m) => ({ default: m.PersonPage })))

/** The people pages of the ledgers, under /ledgers (registered in ../routes.tsx); /ledgers opens the people. */
export const peopleRoutes: RouteObject[] = [
  { path: 'ledgers', element: <Navigate to="/ledgers/people" replace /> },
  { path: 'ledgers/people', element: guarded('ledgers', <PeoplePage />) },
  { path: 'ledgers/people/:id', element: guarded('ledgers', <PersonPage />) },
]
