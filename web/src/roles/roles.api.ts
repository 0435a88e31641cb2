import { useQuery } from '@tanstack/react-query'
import { api } from '../api/client'
import type { Permission, Role } from '../api/types'

export const rolesKey = ['roles'] as const

export interface RoleInput {
  key: string
  nameZh: string
  nameEn: string
  permissions: string[]
}

export const useRoles = () => useQuery({ queryKey: rolesKey, queryFn: () => api.get<Role[]>('/api/roles') })

export const usePermissions = () =>
  useQuery({
    queryKey: ['permissions'],
    queryFn: () => api.get<Permission[]>('/api/permissions'),
    staleTime: Infinity,
  })

export const createRole = (input: RoleInput) => api.post<Role>('/api/roles', input)
export const updateRole = (id: string, input: Omit<RoleInput, 'key'>) =>
  api.patch<Role>(`/api/roles/${id}`, input)
export const deleteRole = (id: string) => api.delete(`/api/roles/${id}`)
