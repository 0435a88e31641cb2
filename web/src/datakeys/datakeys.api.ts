import { useQuery } from '@tanstack/react-query'
import { api } from '../api/client'
import type { components } from '../api/openapi'

export type DataKeyStatus = components['schemas']['DataKeyStatus']

export const dataKeysKey = ['data-keys'] as const

/** The keys' status; polled every two seconds while a re-encryption runs. */
export const useDataKeys = () =>
  useQuery({
    queryKey: dataKeysKey,
    queryFn: () => api.get('/api/data-keys'),
    refetchInterval: (query) => (query.state.data?.rotation?.status === 'running' ? 2000 : false),
  })

export const startRotation = () => api.post('/api/data-keys/rotation')
