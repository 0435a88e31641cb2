import { useQuery } from '@tanstack/react-query'
import { ApiError, api } from '../api/client'
import type { components, paths } from '../api/openapi'
import type { JsonOf } from '../api/types'
import { casesKey } from '../cases/cases.api'

/** A class as configured, with its shipped version. */
export type CategoryConfig = components['schemas']['CategoryConfig']
export type FilingStandard = components['schemas']['FilingStandardBodyInput']
/** A standard as stored: its level a plain string (shipped data is not held to the input rules). */
export type StoredStandard = NonNullable<CategoryConfig['standard']>
export type CategoryPatch = JsonOf<paths['/api/case-categories/{code}']['patch']['requestBody']>
export type CategoryCreate = JsonOf<paths['/api/case-categories']['post']['requestBody']>
export type CaseRoute = components['schemas']['CaseRoute']
export type RouteCreate = JsonOf<paths['/api/case-routes']['post']['requestBody']>
export type Calendar = components['schemas']['Calendar']
export type CalendarDay = components['schemas']['CalendarDay']
export type DayKind = CalendarDay['kind']
export type HandlingLevel = FilingStandard['level']

export const LEVELS = ['grid', 'community', 'street', 'district'] as const satisfies readonly HandlingLevel[]
export const URGENCIES = ['normal', 'urgent', 'critical'] as const

/** One rule failure of a refused class (`problems` of a 400 category.invalid). */
export interface ClassProblem {
  kind: string
  code: string
  detail?: string
}

export function problemsOf(error: unknown): ClassProblem[] {
  if (!(error instanceof ApiError) || error.code !== 'category.invalid') return []
  const problems = error.extra.problems
  return Array.isArray(problems) ? (problems as ClassProblem[]) : []
}

/** Big classes 90–99; small classes 90001–99999 and xx900–xx999 (the server's isLocalExtension). */
export function isLocalCode(code: string): boolean {
  if (/^9\d$/.test(code)) return true
  if (!/^\d{5}$/.test(code)) return false
  return code.startsWith('9') || Number(code.slice(2)) >= 900
}

export const configKey = ['case-config'] as const
/** The catalogue everybody reads (cases.api's useCategories) changes with every edit. */
export const categoriesKey = [...casesKey, 'categories'] as const
export const routesKey = [...configKey, 'routes'] as const
export const calendarKey = [...configKey, 'calendar'] as const

const category = (code: string) => ({ params: { path: { code } } })

export const useCategoryConfig = (code: string | null) =>
  useQuery({
    queryKey: [...configKey, 'category', code],
    queryFn: () => api.get('/api/case-categories/{code}', category(code ?? '')),
    enabled: code !== null,
  })

export const patchCategory = (code: string, body: CategoryPatch) =>
  api.patch('/api/case-categories/{code}', { ...category(code), body })
export const createCategory = (body: CategoryCreate) => api.post('/api/case-categories', { body })
export const resetCategory = (code: string) => api.post('/api/case-categories/{code}/reset', category(code))

export const useRoutes = () => useQuery({ queryKey: routesKey, queryFn: () => api.get('/api/case-routes') })
export const createRoute = (body: RouteCreate) => api.post('/api/case-routes', { body })
export const deleteRoute = (id: string) => api.delete('/api/case-routes/{id}', { params: { path: { id } } })

export const useCalendar = (year: number, options: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: [...calendarKey, year],
    queryFn: () => api.get('/api/calendar', { params: { query: { year } } }),
    enabled: options.enabled ?? true,
  })

const day = (date: string) => ({ params: { path: { date } } })
export const setDay = (date: string, body: { kind: DayKind; name: string }) =>
  api.put('/api/calendar/days/{date}', { ...day(date), body })
export const clearDay = (date: string) => api.delete('/api/calendar/days/{date}', day(date))

/** The department kinds 职能部门类别 a filing standard may name (the server's DEPARTMENT_KEYS). */
export type DepartmentKind = NonNullable<JsonOf<paths['/api/departments']['post']['requestBody']>['kind']>
// A record, so that a kind the server adds breaks this build until it is named here.
const KINDS: Record<DepartmentKind, true> = {
  urban_management: true,
  municipal: true,
  sanitation: true,
  greening: true,
  housing: true,
  natural_resources: true,
  transport: true,
  traffic_police: true,
  water: true,
  environment: true,
  market: true,
  police: true,
  fire: true,
  emergency: true,
  civil_affairs: true,
  health: true,
  medical_security: true,
  education: true,
  human_resources: true,
  justice: true,
  political_legal: true,
  letters_visits: true,
  agriculture: true,
  culture_tourism: true,
  commerce: true,
  government_services: true,
  youth_league: true,
  power: true,
  gas: true,
  heating: true,
  telecom: true,
  postal: true,
  property: true,
}
export const DEPARTMENT_KINDS = Object.keys(KINDS) as DepartmentKind[]
