import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import type { components } from '../../api/openapi'

export type Reveal = components['schemas']['LedgerRevealLog']['items'][number]

/** China calendar days (both included) and the reader. */
export interface RevealFilters {
  from?: string
  to?: string
  actor?: string
}

const key = ['ledgers', 'reveals'] as const

export const useReveals = (filters: RevealFilters) =>
  useInfiniteQuery({
    queryKey: [...key, 'list', filters],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      api.get('/api/ledgers/reveals', { params: { query: { ...filters, limit: 50, cursor: pageParam } } }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

export const useRevealReaders = (filters: Pick<RevealFilters, 'from' | 'to'>) =>
  useQuery({
    queryKey: [...key, 'readers', filters],
    queryFn: () => api.get('/api/ledgers/reveals/readers', { params: { query: filters } }),
  })
