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
  | 'repeat_household'
  | 'worker_offline'
  | 'outside_grid'
  | 'deadline'
  | 'visit_missed'

/** The list's tabs: open first, then each outcome (resolved: settled by the system 系统解除). */
export const WARNING_STATES: readonly WarningState[] = [
  'open',
  'acknowledged',
  'supervised',
  'converted',
  'dismissed',
  'resolved',
]
export const WARNING_RULES: readonly WarningRule[] = [
  'rise',
  'gradual_rise',
  'hotspot',
  'repeat_place',
  'repeat_household',
  'worker_offline',
  'outside_grid',
  'deadline',
  'visit_missed',
]

/** Why the system resolved a warning (its `reason` when `state` is resolved). */
export const RESOLUTIONS = [
  'case_closed',
  'clock_stopped',
  'deadline_moved',
  'within_limit',
  'no_longer_overdue',
  'membership_ended',
] as const

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
  /** A deadline's: the stage (accept, handle, verify), its deadline, the share of its limit used. */
  stage?: string
  due?: string
  share?: number
  /** A missed visit's: days past the due day, the plan's days between visits. */
  daysLate?: number
  everyDays?: number
  /** Repeat complaints of one household or reporter: what tied them (household, reporter, phone). */
  linkedBy?: string[]
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
    stage: text(i.stage),
    due: text(i.due),
    share: number(i.share),
    daysLate: number(i.daysLate),
    everyDays: number(i.everyDays),
    linkedBy: Array.isArray(i.linkedBy)
      ? i.linkedBy.filter((c): c is string => typeof c === 'string')
      : undefined,
  }
}

/** The warnings of one state (and rule), newest first, a page at a time (the next: after the last one's id). */
export const useWarnings = (state: WarningState, rule?: WarningRule) =>
  useInfiniteQuery({
    queryKey: [...warningsKey, 'list', state, rule ?? 'all'],
    queryFn: ({ pageParam }) =>
      api.get('/api/warnings', {
        params: {
          query: {
            state,
            limit: PAGE,
            ...(rule ? { rule } : {}),
            ...(pageParam ? { before: pageParam } : {}),
          },
        },
      }),
    initialPageParam: '',
    getNextPageParam: (last) => (last.items.length < PAGE ? undefined : last.items.at(-1)?.id),
    placeholderData: keepPreviousData,
  })

/**
 * Rules with a warning per event (a deadline per overdue case): the ticker counts them on one line
 * instead of listing them, so a busy day's deadlines never push a hotspot out of sight.
 */
export const COUNTED_RULES: readonly WarningRule[] = ['deadline']

/** The open warnings of the reader's subtrees but the counted rules, for the workbench: every minute. */
/** The ticker's open warnings: the reader's, or those within a grid (the big screen's scope). */
export const useOpenWarnings = (enabled: boolean, grid?: string) =>
  useQuery({
    queryKey: [...warningsKey, 'list', 'ticker', grid ?? null],
    queryFn: () =>
      api.get('/api/warnings', {
        params: {
          query: {
            state: 'open',
            limit: 50,
            rule: WARNING_RULES.filter((r) => !COUNTED_RULES.includes(r)).join(','),
            ...(grid ? { grid } : {}),
          },
        },
      }),
    enabled,
    refetchInterval: 60_000,
  })

/** The open warnings counted by rule and level (the ticker's count and its summary lines). */
export const useWarningSummary = (enabled: boolean, grid?: string) =>
  useQuery({
    queryKey: [...warningsKey, 'summary', grid ?? null],
    queryFn: () => api.get('/api/warnings/summary', { params: { query: grid ? { grid } : {} } }),
    enabled,
    refetchInterval: 60_000,
  })

export const useWarning = (id: string) =>
  useQuery({
    queryKey: [...warningsKey, 'one', id],
    queryFn: () => api.get('/api/warnings/{id}', { params: { path: { id } } }),
  })

export const actOnWarning = (
  id: string,
  action: WarningAction,
  reason?: string,
  grade?: 'normal' | 'yellow' | 'red',
) =>
  api.post('/api/warnings/{id}/{action}', {
    params: { path: { id, action } },
    body: { ...(reason ? { reason } : {}), ...(grade ? { grade } : {}) },
  })

/** Whether a reason is one of the system's codes for a warning it resolved (the desk names it). */
export const isResolution = (reason: string | null): reason is (typeof RESOLUTIONS)[number] =>
  RESOLUTIONS.some((r) => r === reason)

/** Red before yellow, newest first within each. */
export const byUrgency = (a: Warning, b: Warning) =>
  (a.level === b.level ? 0 : a.level === 'red' ? -1 : 1) || b.raisedAt.localeCompare(a.raisedAt)
