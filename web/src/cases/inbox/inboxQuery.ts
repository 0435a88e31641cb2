import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import type { paths } from '../../api/openapi'
import { type CaseQueue, casesKey } from '../cases.api'

/** The inbox's filters as the URL carries them (so a list can be shared and reloaded). */
export type InboxFilters = NonNullable<paths['/api/cases/queue-counts']['get']['parameters']['query']>
export type QueueCounts = Record<CaseQueue | 'all', number>

export const FILTER_KEYS = ['category', 'grid', 'state', 'overdue', 'from', 'to', 'q'] as const

/** The filters in the URL's query; unknown or empty values are left out, the server checks the rest. */
export function filtersFrom(params: URLSearchParams): InboxFilters {
  const filters: Record<string, string> = {}
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim()
    if (value) filters[key] = value
  }
  return filters as InboxFilters
}

/** The URL's query for a queue and filters: empty filters are dropped. */
export function paramsOf(queue: string | null, filters: InboxFilters): Record<string, string> {
  const entries = Object.entries({ queue, ...filters }).filter(
    (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
  )
  return Object.fromEntries(entries)
}

export const activeFilterCount = (filters: InboxFilters) =>
  FILTER_KEYS.filter((k) => k !== 'q' && filters[k] !== undefined).length

const PAGE_SIZE = 50

/** A queue of the inbox (or every case the reader may see, without one), filtered, newest first, page by page. */
export const useCaseList = (queue: CaseQueue | null, filters: InboxFilters) =>
  useInfiniteQuery({
    queryKey: [...casesKey, 'list', queue, filters],
    queryFn: ({ pageParam }) =>
      api.get('/api/cases', {
        params: { query: { ...filters, queue: queue ?? undefined, cursor: pageParam, limit: PAGE_SIZE } },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

/** How many cases each tab holds under the same filters: one call for every tab. */
export const useQueueCounts = (filters: InboxFilters) =>
  useQuery({
    queryKey: [...casesKey, 'list', 'counts', filters],
    queryFn: () => api.get('/api/cases/queue-counts', { params: { query: filters } }) as Promise<QueueCounts>,
    placeholderData: keepPreviousData,
  })

/** The filtered list as an .xlsx, its headers in the app's language (the client sends it along). */
export const fetchCasesWorkbook = (queue: CaseQueue | null, filters: InboxFilters) =>
  api.get('/api/cases/export.xlsx', {
    params: { query: { ...filters, queue: queue ?? undefined } },
    parseAs: 'blob',
  }) as unknown as Promise<Blob>
