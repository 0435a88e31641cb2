import { keepPreviousData, useQuery } from '@tanstack/react-query'
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

export const useScreen = (grid: string | null, period: Period) =>
  useQuery({
    queryKey: screenKey(grid, period),
    queryFn: ({ signal }) =>
      api.get('/api/dashboard/screen', {
        params: { query: { period, ...(grid ? { grid } : {}) } },
        signal,
      }),
    refetchInterval: REFRESH_MS,
    // A drill-down keeps the last scope's figures on the wall until the new ones arrive.
    placeholderData: keepPreviousData,
  })
