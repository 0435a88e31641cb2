import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { api } from '../api/client'

export { AUDIT_ACTIONS, AUDIT_RESOURCE_TYPES } from './auditActions'

export interface AuditFilters {
  action?: string
  actorId?: string
  resourceType?: string
  resourceId?: string
  /** ISO timestamps bounding `at`. */
  from?: string
  to?: string
}

/** Accounts matching part of a name, for the person filter; nothing is asked until something is typed. */
export const useAuditActors = (text: string) =>
  useQuery({
    queryKey: ['audit', 'actors', text.trim()],
    queryFn: () => api.get('/api/audit/actors', { params: { query: { q: text.trim() } } }),
    enabled: text.trim().length > 0,
    placeholderData: (previous) => previous,
  })

const PAGE_SIZE = 50

export const useAuditLog = (filters: AuditFilters) =>
  useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) =>
      api.get('/api/audit', { params: { query: { ...filters, cursor: pageParam, limit: PAGE_SIZE } } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
