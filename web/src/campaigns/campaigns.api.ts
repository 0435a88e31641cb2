import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api } from '../api/client'
import type { components, paths } from '../api/openapi'
import type { JsonOf } from '../api/types'

/** A campaign 专项行动 with its doors by state and what the reader may do with it. */
export type Campaign = components['schemas']['Campaign']
export type CampaignCreate = JsonOf<paths['/api/campaigns']['post']['requestBody']>
export type CampaignTask = components['schemas']['CampaignTask']
export type TaskState = CampaignTask['state']
export type FormField = Campaign['form'][number]

export const campaignsKey = ['campaigns'] as const
const byId = (id: string) => ({ params: { path: { id } } })

export const useCampaigns = (state?: 'active' | 'closed') =>
  useQuery({
    queryKey: [...campaignsKey, 'list', state],
    queryFn: () => api.get('/api/campaigns', { params: { query: { state } } }),
  })

export const useCampaign = (id: string) =>
  useQuery({ queryKey: [...campaignsKey, id], queryFn: () => api.get('/api/campaigns/{id}', byId(id)) })

export const useProgress = (id: string, by: 'grid' | 'worker') =>
  useQuery({
    queryKey: [...campaignsKey, id, 'progress', by],
    queryFn: () =>
      api.get('/api/campaigns/{id}/progress', { ...byId(id), params: { ...byId(id).params, query: { by } } }),
    placeholderData: keepPreviousData,
  })

export const useTasks = (id: string, query: { state?: TaskState; cursor?: string }) =>
  useQuery({
    queryKey: [...campaignsKey, id, 'tasks', query],
    queryFn: () =>
      api.get('/api/campaigns/{id}/tasks', { params: { path: { id }, query: { ...query, limit: 100 } } }),
    placeholderData: keepPreviousData,
  })

export const createCampaign = (body: CampaignCreate) => api.post('/api/campaigns', { body })
export const closeCampaign = (id: string, version: number) =>
  api.post('/api/campaigns/{id}/close', { ...byId(id), body: { version } })
export const reassignTasks = (
  id: string,
  body: { taskIds?: string[]; fromUserId?: string; toUserId: string },
) => api.post('/api/campaigns/{id}/reassign', { ...byId(id), body })
export const fetchCampaignWorkbook = (id: string) =>
  api.get('/api/campaigns/{id}/export.xlsx', { ...byId(id), parseAs: 'blob' }) as unknown as Promise<Blob>

export const TASK_STATES: readonly TaskState[] = [
  'open',
  'done',
  'revisit',
  'refused',
  'moved',
  'wrong_address',
]
export const STATE_COLOURS: Record<TaskState, string> = {
  open: 'default',
  done: 'green',
  revisit: 'gold',
  refused: 'red',
  moved: 'purple',
  wrong_address: 'volcano',
}
