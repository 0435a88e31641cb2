import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import type { components, paths } from '../../api/openapi'
import type { JsonOf } from '../../api/types'

/** A household 户 with its members (names and ID numbers masked) and what the reader may do with it. */
export type Household = components['schemas']['HouseholdView']
export type HouseholdMember = Household['members'][number]
export type HouseholdCreate = JsonOf<paths['/api/households']['post']['requestBody']>

/** The relation code of the head 户主 (code table `relation`). */
export const HEAD = '01'

export const householdsKey = ['households'] as const
const byId = (id: string) => ({ params: { path: { id } } })

export const useHouseholds = (query: { grid?: string; q?: string; cursor?: string }) =>
  useQuery({
    queryKey: [...householdsKey, 'list', query],
    queryFn: () => api.get('/api/households', { params: { query: { ...query, limit: 50 } } }),
    placeholderData: keepPreviousData,
  })

export const useHousehold = (id: string) =>
  useQuery({
    queryKey: [...householdsKey, 'one', id],
    queryFn: () => api.get('/api/households/{id}', byId(id)),
    retry: false,
  })

export const createHousehold = (body: HouseholdCreate) => api.post('/api/households', { body })
export const addMember = (id: string, body: { personId: string; relation: string }) =>
  api.post('/api/households/{id}/members', { ...byId(id), body })
export const removeMember = (id: string, personId: string) =>
  api.delete('/api/households/{id}/members/{personId}', { params: { path: { id, personId } } })
export const changeHead = (id: string, body: { personId: string; formerHeadRelation: string }) =>
  api.put('/api/households/{id}/head', { ...byId(id), body })
