import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api } from '../api/client'
import type { components, paths } from '../api/openapi'

export type Stats = components['schemas']['Stats']
export type StatsRow = components['schemas']['StatsRow']
export type StatsGroup = Stats['groupBy']
export type StatsQuery = paths['/api/cases/stats']['get']['parameters']['query']

/** The groupings the page offers, in the order of its selector (the API's `none` is 合计). */
export const GROUPS = ['child', 'department', 'big_class', 'category', 'month', 'state', 'none'] as const

/** The indicators, in the order offices publish them; the server's workbook has the same columns. */
export const FIGURES = [
  'received',
  'filed',
  'filingRate',
  'due',
  'closed',
  'closingRate',
  'onTime',
  'onTimeRate',
  'handled',
  'reworked',
  'reworkRate',
  'extended',
  'extensionRate',
  'deferred',
  'avgHandlingHours',
  'rated',
  'avgRating',
  'satisfactionRate',
] as const satisfies readonly (keyof StatsRow)[]
export type Figure = (typeof FIGURES)[number]

export const statsKey = ['cases', 'stats'] as const

export const useStats = (query: StatsQuery) =>
  useQuery({
    queryKey: [...statsKey, query],
    queryFn: () => api.get('/api/cases/stats', { params: { query } }),
    // A new period or grouping keeps the old table until its figures arrive.
    placeholderData: keepPreviousData,
  })

/** The same figures as an .xlsx, its headers in the app's language (the client sends it along). */
export const fetchWorkbook = (query: StatsQuery) =>
  api.get('/api/cases/stats.xlsx', { params: { query }, parseAs: 'blob' }) as unknown as Promise<Blob>

/** Hands a fetched file to the browser as a download named `name`. */
export function saveFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  // The click has started the download; the object URL is no longer needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
