import { keepPreviousData, type QueryClient, useQuery } from '@tanstack/react-query'
import { api } from '../api/client'
import type { components } from '../api/openapi'

/** Everything the big screen shows for one scope and period (GET /api/dashboard/screen). */
export type Screen = components['schemas']['DashboardScreen']
export type Period = Screen['period']
export const PERIODS: readonly Period[] = ['day', 'week', 'month']

/** The screen is asked again this often: a wall display is never reloaded by hand. */
export const REFRESH_MS = 30_000

export const screenKey = (grid: string | null, period: Period) =>
  ['dashboard', 'screen', { grid, period }] as const

const fetchScreen = (grid: string | null, period: Period, signal?: AbortSignal) =>
  api.get('/api/dashboard/screen', { params: { query: { period, ...(grid ? { grid } : {}) } }, signal })

const isPeriod = (v: string | null): v is Period => PERIODS.some((p) => p === v)

/** The scope and period a /screen address asks for (`?grid=&period=`; today by default). */
export function screenParams(params: URLSearchParams): { grid: string | null; period: Period } {
  const period = params.get('period')
  return { grid: params.get('grid'), period: isPeriod(period) ? period : 'day' }
}

/** The newest open events drawn: a wall shows where they gather, not each of a city's thousands. */
const POINTS = 1000

/**
 * The open events the map draws in a scope (a grid and below, else the reader's whole area), the
 * newest POINTS. Asked by scope, not by the scope's box: the route asks as it is entered, beside
 * the figures that would name the box, and the map is made with them at hand.
 */
export const screenEventsQuery = (grid: string | null) => ({
  queryKey: ['dashboard', 'map', { grid }] as const,
  queryFn: ({ signal }: { signal?: AbortSignal }) =>
    api.get('/api/cases/map', {
      params: { query: { open: 'true', limit: POINTS, ...(grid ? { grid } : {}) } },
      signal,
    }),
})

/**
 * Asked as the route is entered, while its chunks (MapLibre, ECharts) still download: the wall's
 * first paint waits for all, not one after the other.
 */
export function prefetchScreen(client: QueryClient, url: string) {
  const { grid, period } = screenParams(new URL(url).searchParams)
  void client.prefetchQuery({
    queryKey: screenKey(grid, period),
    queryFn: ({ signal }) => fetchScreen(grid, period, signal),
  })
  void client.prefetchQuery(screenEventsQuery(grid))
}

export const useScreen = (grid: string | null, period: Period) =>
  useQuery({
    queryKey: screenKey(grid, period),
    queryFn: ({ signal }) => fetchScreen(grid, period, signal),
    // The answer the route asked for on entering is used, not asked again on mounting.
    staleTime: REFRESH_MS / 2,
    refetchInterval: REFRESH_MS,
    // A drill-down keeps the last scope's figures on the wall until the new ones arrive.
    placeholderData: keepPreviousData,
  })
