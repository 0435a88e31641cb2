import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import type { components, paths } from '../../api/openapi'
import type { JsonOf } from '../../api/types'
import { useLocalName } from '../../i18n'

export type Membership = components['schemas']['GroupMembership']
export type Visit = components['schemas']['GroupVisit']
export type Board = components['schemas']['GroupBoard']
export type DueVisits = components['schemas']['DueVisits']
export type LedgerCode = components['schemas']['LedgerCode']
export type LedgerCodeTable = components['schemas']['LedgerCodeTable']
export type VisitPolicy = components['schemas']['VisitPolicy']
export type MembershipCreate = JsonOf<paths['/api/groups']['post']['requestBody']>
export type MembershipPatch = JsonOf<paths['/api/groups/{id}']['patch']['requestBody']>
export type VisitCreate = JsonOf<paths['/api/groups/{id}/visits']['post']['requestBody']>
export type MembershipQuery = NonNullable<paths['/api/groups']['get']['parameters']['query']>
export type Outcome = Visit['outcome']

export const OUTCOMES = ['met', 'not_home', 'by_phone', 'refused'] as const satisfies readonly Outcome[]
export const ATTENTION_LEVELS = [1, 2, 3, 4, 5] as const

export const groupsKey = ['ledger-groups'] as const
export const codesKey = ['ledger-codes'] as const
export const policiesKey = ['visit-policies'] as const

const byId = (id: string) => ({ params: { path: { id } } })

export const useBoard = (grid: string | null) =>
  useQuery({
    queryKey: [...groupsKey, 'board', grid],
    queryFn: () => api.get('/api/groups/board', { params: { query: grid ? { grid } : {} } }),
    placeholderData: keepPreviousData,
  })

export const useMemberships = (query: Omit<MembershipQuery, 'cursor'>) =>
  useInfiniteQuery({
    queryKey: [...groupsKey, 'list', query],
    queryFn: ({ pageParam }) =>
      api.get('/api/groups', {
        params: { query: { ...query, ...(pageParam ? { cursor: pageParam } : {}) } },
      }),
    initialPageParam: '' as string,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

export const useMembership = (id: string | null) =>
  useQuery({
    queryKey: [...groupsKey, 'one', id],
    queryFn: () => api.get('/api/groups/{id}', byId(id ?? '')),
    enabled: id !== null,
  })

export const useVisits = (id: string | null) =>
  useQuery({
    queryKey: [...groupsKey, 'visits', id],
    queryFn: () => api.get('/api/groups/{id}/visits', byId(id ?? '')),
    enabled: id !== null,
  })

export const useDueVisits = (week: string | undefined) =>
  useQuery({
    queryKey: [...groupsKey, 'due', week],
    queryFn: () => api.get('/api/visits/due', { params: { query: week ? { week } : {} } }),
    placeholderData: keepPreviousData,
  })

export const createMembership = (body: MembershipCreate) => api.post('/api/groups', { body })
export const patchMembership = (id: string, body: MembershipPatch) =>
  api.patch('/api/groups/{id}', { ...byId(id), body })
export const endMembership = (id: string, version: number, endsOn?: string) =>
  api.post('/api/groups/{id}/end', { ...byId(id), body: { version, ...(endsOn ? { endsOn } : {}) } })
export const unmaskMembership = (id: string, reason: string) =>
  api.post('/api/groups/{id}/unmask', { ...byId(id), body: { reason } })
export const recordVisit = (id: string, body: VisitCreate) =>
  api.post('/api/groups/{id}/visits', { ...byId(id), body })

export const useCodeTables = (table?: string) =>
  useQuery({
    queryKey: [...codesKey, table ?? 'all'],
    queryFn: () => api.get('/api/ledger-codes', { params: { query: table ? { table } : {} } }),
    staleTime: 5 * 60_000,
  })

/** The words of one code table's codes, in the reader's language (the code itself when unknown). */
export function useCodeName(table: string) {
  const tables = useCodeTables(table)
  const local = useLocalName()
  const codes = tables.data?.[0]?.codes ?? []
  return {
    codes,
    name: (code: string | null | undefined) => {
      if (!code) return ''
      const c = codes.find((x) => x.code === code)
      return c ? local(c.zh, c.en) : code
    },
  }
}

export const addCode = (body: JsonOf<paths['/api/ledger-codes']['post']['requestBody']>) =>
  api.post('/api/ledger-codes', { body })
export const patchCode = (
  table: string,
  code: string,
  body: JsonOf<paths['/api/ledger-codes/{table}/{code}']['patch']['requestBody']>,
) => api.patch('/api/ledger-codes/{table}/{code}', { params: { path: { table, code } }, body })

export const usePolicies = () =>
  useQuery({ queryKey: policiesKey, queryFn: () => api.get('/api/visit-policies') })
export const putPolicies = (policies: VisitPolicy[]) => api.put('/api/visit-policies', { body: { policies } })

/** Today in China, as the server counts days (YYYY-MM-DD). */
export const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
export const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
