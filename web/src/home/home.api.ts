import { useQuery } from '@tanstack/react-query'
import { api } from '../api/client'
import type { paths } from '../api/openapi'
import type { JsonOf, Me } from '../api/types'
import { type CaseQueue, casesKey } from '../cases/cases.api'

/** Each inbox queue's count over the reader's whole scope, and when its oldest case was reported. */
export type QueueCounts = JsonOf<paths['/api/cases/queue-counts']['get']['responses'][200]>

/** Under the case list's key: an action on a case refreshes the workbench's counts too. */
export const useWorkbenchCounts = (enabled: boolean) =>
  useQuery({
    queryKey: [...casesKey, 'list', 'workbench'],
    queryFn: () => api.get('/api/cases/queue-counts'),
    enabled,
    // A workbench stays open all day: what waits is counted again every minute.
    refetchInterval: 60_000,
  })

/**
 * The queues the case list shows this reader, in its order (cases/CasesPage.tsx decides the same):
 * a queue of work for holders of the permission to do it, overdue for every reader, 督办 for those
 * who supervise, 无主 for readers of the whole deployment. A tile opens only a tab the list has.
 */
const WORK: [CaseQueue, string][] = [
  ['to_accept', 'case.accept'],
  ['to_dispatch', 'case.dispatch'],
  ['to_handle', 'case.handle'],
  ['to_verify', 'case.verify'],
  ['to_close', 'case.close'],
]

const readsEverything = (me: Me) =>
  me.grants.some(
    (g) =>
      g.scope.type === 'grid' &&
      g.scope.path === '' &&
      (g.permissions.includes('case.read') || g.permissions.includes('*')),
  )

export function queuesFor(me: Me): CaseQueue[] {
  const can = (permission: string) => me.permissions.includes(permission)
  return [
    ...WORK.filter(([, permission]) => can(permission)).map(([queue]) => queue),
    'overdue',
    ...(can('case.supervise') ? (['supervised'] as const) : []),
    ...(readsEverything(me) ? (['no_handler'] as const) : []),
  ]
}

/** A grid worker's own patrols are counted: a holder of patrol.record, or of the 网格员 role. */
export const patrolsOwnDay = (me: Me) =>
  me.permissions.includes('patrol.record') || me.grants.some((g) => g.roleKey === 'grid_worker')
