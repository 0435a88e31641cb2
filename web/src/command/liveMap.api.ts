import { useQueries, useQuery } from '@tanstack/react-query'
import { api } from '../api/client'
import type { components, paths } from '../api/openapi'
import { casesKey } from '../cases/cases.api'

/** One case as the map draws it (GET /api/cases/map). */
export type MapPoint = components['schemas']['CaseMap']['items'][number]
export type MapQuery = NonNullable<paths['/api/cases/map']['get']['parameters']['query']>
/** A worker on patrol at their latest point, as GET /api/patrols/positions and the live socket give it. */
export interface WorkerPosition {
  userId: string
  userName: string
  patrolId: string
  recordedAt: string
  lon: number
  lat: number
}

/** West, south, east, north in degrees (WGS-84, as the server knows every point). */
export type Box = [number, number, number, number]

/** The most points one load draws; more are reported as `truncated`. */
export const MAP_LIMIT = 3000

export const boxParam = (box: Box) => box.map((v) => v.toFixed(6)).join(',')

/** The cases in the box under the filters, newest first. */
export const fetchCaseMap = (box: Box, query: MapQuery, signal?: AbortSignal) =>
  api.get('/api/cases/map', {
    params: { query: { ...query, bbox: boxParam(box), limit: MAP_LIMIT } },
    signal,
  })

/** The workers on patrol in the box, at their latest point (patrol.read). */
export const fetchPositions = (box: Box, signal?: AbortSignal) =>
  api.get('/api/patrols/positions', { params: { query: { bbox: boxParam(box) } }, signal })

/** How many open cases lie in a grid and below it (the inbox's 全部 tab under `open`). */
export const useOpenCount = (grid: string) =>
  useQuery({
    queryKey: [...casesKey, 'list', 'counts', { grid, open: 'true' }],
    queryFn: () => api.get('/api/cases/queue-counts', { params: { query: { grid, open: 'true' } } }),
  })

/**
 * The latest patrol of each of these workers in the last 7 days (the server's default), asked only of
 * patrol.read holders; a worker the reader may not follow answers with an error and is left out.
 */
export function useLastPatrols(userIds: string[], enabled: boolean) {
  return useQueries({
    queries: userIds.map((user) => ({
      queryKey: ['patrols', 'list', { user }],
      queryFn: () => api.get('/api/patrols', { params: { query: { user } } }),
      enabled,
      retry: false,
    })),
    combine: (results) => ({
      loading: results.some((r) => r.fetchStatus === 'fetching' && r.data === undefined),
      latest: results
        .flatMap((r) => r.data?.items.slice(0, 1) ?? [])
        .sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0],
    }),
  })
}
