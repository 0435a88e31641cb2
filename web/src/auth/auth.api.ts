import { useQuery } from '@tanstack/react-query'
import { api } from '../api/client'
import type { Me } from '../api/types'

export const meKey = ['me'] as const

export const login = (username: string, password: string) =>
  api.post('/api/auth/login', { body: { username, password } })
export type SecondFactorProof = { code: string } | { recoveryCode: string }
export const loginSecondFactor = (challenge: string, proof: SecondFactorProof) =>
  api.post('/api/auth/login/second-factor', { body: { challenge, ...proof } })
export const enrolSecondFactor = () => api.post('/api/auth/second-factor/enrol')
export const confirmSecondFactor = (code: string) =>
  api.post('/api/auth/second-factor/confirm', { body: { code } })

/** Where a freshly signed-in user goes first: a forced password change, then a forced enrolment. */
export function firstStop(me: Me): string | null {
  if (me.mustChangePassword) return '/password'
  if (me.secondFactor.required && !me.secondFactor.active) return '/two-step'
  return null
}
export const logout = () => api.post('/api/auth/logout')

export const devicesKey = ['auth', 'devices'] as const
/** The signed-in user's device sessions (the field app on phones) 我的设备. */
export function useDevices() {
  return useQuery({ queryKey: devicesKey, queryFn: () => api.get('/api/auth/devices') })
}
export const endDevice = (id: string) => api.delete('/api/auth/devices/{id}', { params: { path: { id } } })
export const changePassword = (currentPassword: string, newPassword: string) =>
  api.post('/api/auth/password', { body: { currentPassword, newPassword } })

/** The signed-in user; every permission check in the app reads this one query. */
export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: () => api.get('/api/auth/me'), staleTime: 60_000 })
}

/** Inside the signed-in area the user is always loaded (RequireAuth waits for it). */
export function useCurrentUser(): Me {
  const { data } = useMe()
  if (!data) throw new Error('useCurrentUser outside RequireAuth')
  return data
}

export function useCan() {
  const me = useCurrentUser()
  return (permission: string) => me.permissions.includes(permission)
}
