import { lazy } from 'react'
import type { RouteObject } from 'react-router'
import { guarded } from '../app/guarded'

const BulletinsPage = lazy(() => import('./BulletinsPage').then((m) => ({ default: m.BulletinsPage })))
const BulletinPage = lazy(() => import('./BulletinPage').then((m) => ({ default: m.BulletinPage })))

/** 通报: the list (?state=draft for those who assess) and one bulletin, printable. */
export const bulletinRoutes: RouteObject[] = [
  { path: 'bulletins', element: guarded('bulletins', <BulletinsPage />) },
  { path: 'bulletins/:id', element: guarded('bulletins', <BulletinPage />) },
]
