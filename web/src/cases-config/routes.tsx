import { lazy, type ReactNode } from 'react'
import type { RouteObject } from 'react-router'
import { type SettingsKey, settingsSections } from '../app/sections'
import { useCan } from '../auth/auth.api'
import { Forbidden } from '../auth/RequirePermission'

// Each page is its own chunk: only administrators and chiefs download them.
const CategoriesPage = lazy(() => import('./CategoriesPage').then((m) => ({ default: m.CategoriesPage })))
const RoutesPage = lazy(() => import('./RoutesPage').then((m) => ({ default: m.RoutesPage })))
const CalendarPage = lazy(() => import('./CalendarPage').then((m) => ({ default: m.CalendarPage })))
const LedgerCodesPage = lazy(() =>
  import('../ledgers/groups/codes/LedgerCodesPage').then((m) => ({ default: m.LedgerCodesPage })),
)
const DepartmentsPage = lazy(() =>
  import('../departments/DepartmentsPage').then((m) => ({ default: m.DepartmentsPage })),
)

const DataKeysPage = lazy(() => import('../datakeys/DataKeysPage').then((m) => ({ default: m.DataKeysPage })))

/** Whether the reader may open a settings page: any one of its permissions will do. */
export function useMaySee() {
  const can = useCan()
  return (key: SettingsKey) => settingsSections.find((s) => s.key === key)?.permissions.some(can) ?? false
}

function Guard({ section, children }: { section: SettingsKey; children: ReactNode }) {
  const maySee = useMaySee()
  return maySee(section) ? children : <Forbidden />
}

const pages: Record<SettingsKey, ReactNode> = {
  categories: <CategoriesPage />,
  routing: <RoutesPage />,
  calendar: <CalendarPage />,
  departments: <DepartmentsPage />,
  dataKeys: <DataKeysPage />,
  ledgerCodes: <LedgerCodesPage />,
}

/** The 配置 / Settings pages: categories and filing standards, the routing table, the working calendar. */
export const settingsRoutes: RouteObject[] = settingsSections.map((s) => ({
  path: s.path.slice(1),
  element: <Guard section={s.key}>{pages[s.key]}</Guard>,
}))
