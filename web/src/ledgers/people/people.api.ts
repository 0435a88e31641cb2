import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import type { components, paths } from '../../api/openapi'
import type { JsonOf } from '../../api/types'

export type PersonSummary = components['schemas']['PersonSummary']
export type PersonView = components['schemas']['PersonView']
export type PersonClear = components['schemas']['PersonClear']
export type PersonField = components['schemas']['PersonFields'][number]
export type AccessLog = components['schemas']['PersonAccessLog']
export type PersonCreate = JsonOf<paths['/api/people']['post']['requestBody']>
export type PersonUpdate = JsonOf<paths['/api/people/{id}']['patch']['requestBody']>

export interface PeopleFilters {
  grid?: string
  kind?: 'registered' | 'floating' | 'foreign'
  q?: string
  tag?: string
}

export const peopleKey = ['people'] as const

export const usePeople = (filters: PeopleFilters) =>
  useInfiniteQuery({
    queryKey: [...peopleKey, 'list', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api.get('/api/people', { params: { query: { ...filters, limit: 50, cursor: pageParam } } }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

export const usePerson = (id: string) =>
  useQuery({
    queryKey: [...peopleKey, 'one', id],
    queryFn: () => api.get('/api/people/{id}', { params: { path: { id } } }),
    retry: false,
  })

export const usePersonFields = () =>
  useQuery({
    queryKey: [...peopleKey, 'fields'],
    queryFn: () => api.get('/api/people/fields'),
    staleTime: 300_000,
  })

export const useAccessLog = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: [...peopleKey, 'access-log', id],
    queryFn: () => api.get('/api/people/{id}/access-log', { params: { path: { id }, query: { limit: 50 } } }),
    enabled,
  })

export const createPerson = (body: PersonCreate) => api.post('/api/people', { body })
export const updatePerson = (id: string, body: PersonUpdate) =>
  api.patch('/api/people/{id}', { params: { path: { id } }, body })
/** All of a person's tags, at the version read. */
export const setPersonTags = (id: string, tags: string[], version: number) =>
  api.put('/api/people/{id}/tags', { params: { path: { id } }, body: { tags, version } })
/** The values in clear: audited with the reason given; never cached. */
export const unmaskPerson = (id: string, reason: string) =>
  api.post('/api/people/{id}/unmask', { params: { path: { id } }, body: { reason } })
export const erasePerson = (id: string, reason: string) =>
  api.post('/api/people/{id}/erase', { params: { path: { id } }, body: { reason } })
