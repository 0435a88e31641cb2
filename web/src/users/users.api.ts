import { useQuery } from '@tanstack/react-query'
import { api } from '../api/client'
import type { Scope, UserStatus } from '../api/types'

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
    queryFn: () => api.get('/api/users', { params: { query } }),
    placeholderData: (previous) => previous,
  })

const user = (id: string) => ({ params: { path: { id } } })

export const createUser = (body: NewUser) => api.post('/api/users', { body })
export const setUserStatus = (id: string, status: UserStatus) =>
  api.patch('/api/users/{id}', { ...user(id), body: { status } })
export const resetPassword = (id: string, password: string) =>
  api.post('/api/users/{id}/password', { ...user(id), body: { password } })
export const grantRole = (id: string, roleId: string, scope: Scope) =>
  api.post('/api/users/{id}/grants', { ...user(id), body: { roleId, scope } })
export const removeGrant = (id: string, grantId: string) =>
  api.delete('/api/users/{id}/grants/{grantId}', { params: { path: { id, grantId } } })
export const revokeSessions = (id: string) => api.post('/api/users/{id}/sessions/revoke', user(id))
export const resetSecondFactor = (id: string) => api.delete('/api/users/{id}/second-factor', user(id))
