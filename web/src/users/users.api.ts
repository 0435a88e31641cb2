import { useQuery } from '@tanstack/react-query'
import { api } from '../api/client'
import type { Scope, User, UserList, UserStatus } from '../api/types'

export interface UserQuery {
  q: string
  status?: UserStatus
  limit: number
  offset: number
}

export interface NewUser {
  username: string
  displayName: string
  password: string
  grants: { roleId: string; scope: Scope }[]
}

export const usersKey = ['users'] as const

export const useUsers = (query: UserQuery) =>
  useQuery({
    queryKey: [...usersKey, query],
    queryFn: () => api.get<UserList>('/api/users', { ...query }),
    placeholderData: (previous) => previous,
  })

export const createUser = (user: NewUser) => api.post<User>('/api/users', user)
export const setUserStatus = (id: string, status: UserStatus) =>
  api.patch<User>(`/api/users/${id}`, { status })
export const resetPassword = (id: string, password: string) =>
  api.post<void>(`/api/users/${id}/password`, { password })
export const grantRole = (id: string, roleId: string, scope: Scope) =>
  api.post<User>(`/api/users/${id}/grants`, { roleId, scope })
export const removeGrant = (id: string, grantId: string) => api.delete(`/api/users/${id}/grants/${grantId}`)
export const revokeSessions = (id: string) =>
  api.post<{ revoked: number }>(`/api/users/${id}/sessions/revoke`)
export const resetSecondFactor = (id: string) => api.delete(`/api/users/${id}/second-factor`)
