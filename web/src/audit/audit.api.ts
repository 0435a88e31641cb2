import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
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

/** Every action the server records, for the filter's choices (test/audit-actions.test.ts keeps it whole). */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.password_change',
  'auth.account_locked',
  'auth.second_factor_enabled',
  'auth.second_factor_reset',
  'user.create',
  'user.update',
  'user.password_reset',
  'role.grant',
  'role.revoke_grant',
  'role.grants_follow_grid',
  'session.revoke',
  'role.create',
  'role.update',
  'role.delete',
  'apikey.create',
  'apikey.revoke',
  'personal_data.read',
  'case.report',
  'case.accept',
  'case.reject',
  'case.dispatch',
  'case.handle',
  'case.self_handle',
  'case.verify',
  'case.close',
  'case.contact_unmask',
  'case.attach',
  'case.publication',
  'case.follow',
  'case.follow_grid',
  'category.create',
  'category.update',
  'category.reset',
  'route.create',
  'route.delete',
  'calendar.set_day',
  'calendar.clear_day',
  'grid.create',
  'grid.update',
  'grid.import',
  'grid.split',
  'grid.merge',
  'grid.retire',
  'grid.seed_demo',
  'department.create',
  'department.update',
  'department.serve',
  'department.unserve',
  'staff.appoint',
  'staff.end',
  'staff.photo',
  'staff.follow_grid',
] as const

/** The kinds of resource the log names, for the filter. */
export const AUDIT_RESOURCE_TYPES = [
  'user',
  'role',
  'session',
  'api_key',
  'grid',
  'department',
  'grid_post',
  'case',
  'category',
  'case_route',
  'calendar_day',
] as const

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
