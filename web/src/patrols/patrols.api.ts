import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query'
import { api } from '../api/client'
import type { components, paths } from '../api/openapi'
import type { JsonOf } from '../api/types'

/** A worker's compliance 巡查考勤 on a day, and the week (Monday to Sunday) around it. */
export type Compliance = JsonOf<paths['/api/patrols/compliance']['get']['responses'][200]>
export type ComplianceDay = Compliance['day']
export type Patrol = JsonOf<paths['/api/patrols']['get']['responses'][200]>['items'][number]
export type PatrolDetail = JsonOf<paths['/api/patrols/{id}']['get']['responses'][200]>
export type Rules = JsonOf<paths['/api/patrols/rules']['get']['responses'][200]>['items'][number]
export type RulesBody = JsonOf<paths['/api/patrols/rules/{level}']['put']['requestBody']>
export type ChecklistItem = Rules['checklist'][number]
export type Checkpoint = JsonOf<paths['/api/patrols/checkpoints']['get']['responses'][200]>['items'][number]
export type CheckpointCreate = JsonOf<paths['/api/patrols/checkpoints']['post']['requestBody']>
export type Tracker = components['schemas']['Tracker']

export const patrolsKey = ['patrols'] as const
export const trackersKey = ['trackers'] as const

/** Today as a China calendar day (the server counts patrols by China days). */
export const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)

/** Monday and Sunday of the week of a day. */
export function weekOf(day: string): { from: string; to: string } {
  const date = new Date(`${day}T00:00:00Z`)
  const monday = new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * 86_400_000)
  const sunday = new Date(monday.getTime() + 6 * 86_400_000)
  return { from: monday.toISOString().slice(0, 10), to: sunday.toISOString().slice(0, 10) }
}

/** A grid's code is its path without the dots (each level's part of the code is a segment of the path). */
export const codeOfPath = (path: string) => path.replaceAll('.', '')

const compliance = (user: string, day: string) => ({
  queryKey: [...patrolsKey, 'compliance', user, day],
  queryFn: () => api.get('/api/patrols/compliance', { params: { query: { user, day } } }),
})

export const useCompliance = (user: string, day: string) => useQuery(compliance(user, day))

/** The compliance of several workers at once: one request each (the API answers per worker). */
export const useCompliances = (users: string[], day: string) =>
  useQueries({ queries: users.map((user) => compliance(user, day)) })

export const usePatrols = (user: string, from: string, to: string) =>
  useQuery({
    queryKey: [...patrolsKey, 'list', user, from, to],
    queryFn: () => api.get('/api/patrols', { params: { query: { user, from, to } } }),
    placeholderData: keepPreviousData,
  })

export const usePatrol = (id: string) =>
  useQuery({
    queryKey: [...patrolsKey, id],
    queryFn: () => api.get('/api/patrols/{id}', { params: { path: { id } } }),
  })

export const useRules = () =>
  useQuery({ queryKey: [...patrolsKey, 'rules'], queryFn: () => api.get('/api/patrols/rules') })

export const putRules = (level: string, body: RulesBody) =>
  api.put('/api/patrols/rules/{level}', { params: { path: { level } }, body })

export const useCheckpoints = (grid: string | undefined) =>
  useQuery({
    queryKey: [...patrolsKey, 'checkpoints', grid],
    queryFn: () => api.get('/api/patrols/checkpoints', { params: { query: { grid: grid ?? '' } } }),
    enabled: grid !== undefined,
  })

export const createCheckpoint = (body: CheckpointCreate) => api.post('/api/patrols/checkpoints', { body })
export const retireCheckpoint = (id: string) =>
  api.delete('/api/patrols/checkpoints/{id}', { params: { path: { id } } })

export const useTrackers = () => useQuery({ queryKey: trackersKey, queryFn: () => api.get('/api/trackers') })

export const createTracker = (body: { code: string; name: string }) => api.post('/api/trackers', { body })
export const bindTracker = (id: string, userId: string | null, version: number) =>
  api.put('/api/trackers/{id}/binding', { params: { path: { id } }, body: { userId, version } })
export const retireTracker = (id: string) =>
  api.post('/api/trackers/{id}/retire', { params: { path: { id } } })

/** The levels of the deployment's grid scheme, with their names. */
export const useLevels = () =>
  useQuery({
    queryKey: ['grids', 'levels'],
    queryFn: () => api.get('/api/grids/levels'),
    staleTime: 3_600_000,
  })

/** The implausible-track flags the figures count (patrols.rules.ts). */
export const FLAGS = ['speed_jump', 'repeated_point', 'mocked', 'poor_accuracy'] as const
export const CHECKLIST_GROUPS = ['must_know', 'must_visit', 'must_arrive'] as const
