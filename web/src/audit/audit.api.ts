import { useInfiniteQuery } from '@tanstack/react-query'
import { api } from '../api/client'

export interface AuditFilters {
  action?: string
  actorId?: string
  resourceType?: string
  resourceId?: string
  /** ISO timestamps bounding `at`. */
  from?: string
  to?: string
}

/** Every action the server records, for the filter's choices. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.password_change',
  'user.create',
  'user.update',
  'user.password_reset',
  'role.grant',
  'role.revoke_grant',
  'session.revoke',
  'role.create',
  'role.update',
  'role.delete',
  'apikey.create',
  'apikey.revoke',
  'personal_data.read',
  'department.create',
  'department.update',
  'department.serve',
  'department.unserve',
  'staff.appoint',
  'staff.update',
  'staff.end',
  'staff.photo',
] as const

const PAGE_SIZE = 50

export const useAuditLog = (filters: AuditFilters) =>
  useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) =>
      api.get('/api/audit', { params: { query: { ...filters, cursor: pageParam, limit: PAGE_SIZE } } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
