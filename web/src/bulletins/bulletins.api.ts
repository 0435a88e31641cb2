import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../api/client'
import type { components } from '../api/openapi'

/** A bulletin 通报 with its title and sections as printed, and what the reader may do with it. */
export type Bulletin = components['schemas']['Bulletin']
export type BulletinSection = Bulletin['sections'][number]

const key = ['bulletins'] as const

/** Published bulletins of the reader's areas (the workbench's), or drafts for those who assess. */
export const useBulletins = (state: 'draft' | 'published', enabled = true) =>
  useQuery({
    queryKey: [...key, 'list', state],
    queryFn: () => api.get('/api/assessment/bulletins', { params: { query: { state, limit: 20 } } }),
    enabled,
  })

export const useBulletin = (id: string) =>
  useQuery({
    queryKey: [...key, 'one', id],
    queryFn: () => api.get('/api/assessment/bulletins/{id}', { params: { path: { id } } }),
  })

export function useComposeBulletin() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: { period: string; grid?: string }) => api.post('/api/assessment/bulletins', { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  })
}

export function usePublishBulletin() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      api.post('/api/assessment/bulletins/{id}/publish', { params: { path: { id } } }),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  })
}

/** Where the browser downloads the printed bulletin (PDF) or its workbook. */
export const exportHref = (id: string, format: 'pdf' | 'xlsx') =>
  `/api/assessment/bulletins/${id}/export.${format}`
