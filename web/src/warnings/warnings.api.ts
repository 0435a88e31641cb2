import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { api } from '../api/client'
import type { components } from '../api/openapi'

/** A warning 预警 with what its rule measured, its outcome and what the reader may do with it. */
export type Warning = components['schemas']['Warning']
export type WarningState = Warning['state']
export type WarningAction = Warning['abilities'][number]
export type WarningRule =
  | 'rise'
  | 'gradual_rise'
  | 'hotspot'
  | 'repeat_place'
  | 'worker_offline'
  | 'outside_grid'

export const WARNING_STATES: readonly WarningState[] = ['open', 'acknowledged', 'dismissed', 'converted']
export const WARNING_RULES: readonly WarningRule[] = [
  'rise',
  'gradual_rise',
  'hotspot',
  'repeat_place',
  'worker_offline',
  'outside_grid',
]

export const warningsKey = ['warnings'] as const
const PAGE = 50

/** What a rule measured, as the server keeps it (each rule fills some of these). */
export interface WarningInputs {
  count?: number
  baseline?: number
  p?: number
  weekP?: number
  /** A rise's: yesterday's count and its p (the persistence check). */
  yesterday?: { count: number; p?: number }
  radiusM?: number
  /** A silent worker's minutes without a position. */
  silentMinutes?: number
  cases?: string[]
  day?: string
  window?: string
}

const number = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)
const text = (v: unknown) => (typeof v === 'string' ? v : undefined)

/** The inputs read defensively: a figure of another shape is left out rather than shown as an object. */
export function inputsOf(w: Warning): WarningInputs {
  const i = w.inputs
  const y: unknown = i.yesterday
  // Yesterday's count and p as an object; a plain count is read as well.
  const past = typeof y === 'object' && y !== null ? (y as { count?: unknown; p?: unknown }) : { count: y }
  const yesterdayCount = number(past.count)
  return {
    count: number(i.count),
    baseline: number(i.baseline),
    p: number(i.p),
    weekP: number(i.weekP),
    yesterday: yesterdayCount === undefined ? undefined : { count: yesterdayCount, p: number(past.p) },
    radiusM: number(i.radiusM),
    silentMinutes: number(i.silentMinutes),
    cases: Array.isArray(i.cases) ? i.cases.filter((c): c is string => typeof c === 'string') : undefined,
    day: text(i.day),
    window: text(i.window),
  }
}

/** The warnings of one state, newest first, a page at a time (the next page: after the last one's id). */
export const useWarnings = (state: WarningState) =>
  useInfiniteQuery({
    queryKey: [...warningsKey, 'list', state],
    queryFn: ({ pageParam }) =>
      api.get('/api/warnings', {
        params: { query: { state, limit: PAGE, ...(pageParam ? { before: pageParam } : {}) } },
      }),
    initialPageParam: '',
    getNextPageParam: (last) => (last.items.length < PAGE ? undefined : last.items.at(-1)?.id),
    placeholderData: keepPreviousData,
  })

/** The open warnings of the reader's subtrees, for the workbench: looked at again every minute. */
export const useOpenWarnings = (enabled: boolean) =>
  useQuery({
    queryKey: [...warningsKey, 'list', 'ticker'],
    queryFn: () => api.get('/api/warnings', { params: { query: { state: 'open', limit: 50 } } }),
    enabled,
    refetchInterval: 60_000,
  })

export const useWarning = (id: string) =>
  useQuery({
    queryKey: [...warningsKey, 'one', id],
    queryFn: () => api.get('/api/warnings/{id}', { params: { path: { id } } }),
  })

export const actOnWarning = (id: string, action: WarningAction, reason?: string) =>
  api.post('/api/warnings/{id}/{action}', {
    params: { path: { id, action } },
    body: reason ? { reason } : {},
  })

/** Red before yellow, newest first within each. */
export const byUrgency = (a: Warning, b: Warning) =>
  (a.level === b.level ? 0 : a.level === 'red' ? -1 : 1) || b.raisedAt.localeCompare(a.raisedAt)
