import { useQuery } from '@tanstack/react-query'
import { api } from '../api/client'
import type { Scope } from '../api/types'

export const apiKeysKey = ['api-keys'] as const

export interface NewApiKey {
  name: string
  roleId: string
  scope: Scope
}

export const useApiKeys = () => useQuery({ queryKey: apiKeysKey, queryFn: () => api.get('/api/api-keys') })

export const createApiKey = (input: NewApiKey) => api.post('/api/api-keys', { body: input })
export const revokeApiKey = (id: string) => api.delete('/api/api-keys/{id}', { params: { path: { id } } })
