import { useQuery } from '@tanstack/react-query'
import { api } from '../api/client'

export const rolesKey = ['roles'] as const

export interface RoleInput {
  key: string
  nameZh: string
  nameEn: string
  permissions: string[]
}

export const useRoles = () => useQuery({ queryKey: rolesKey, queryFn: () => api.get('/api/roles') })

export const usePermissions = () =>
  useQuery({
    queryKey: ['permissions'],
    queryFn: () => api.get('/api/permissions'),
    staleTime: Infinity,
  })

export const createRole = (input: RoleInput) => api.post('/api/roles', { body: input })
export const updateRole = (id: string, input: Omit<RoleInput, 'key'>) =>
  api.patch('/api/roles/{id}', { params: { path: { id } }, body: input })
export const deleteRole = (id: string) => api.delete('/api/roles/{id}', { params: { path: { id } } })
