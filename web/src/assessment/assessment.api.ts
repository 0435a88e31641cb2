import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api } from '../api/client'
import type { components, paths } from '../api/openapi'

export type Indicator = components['schemas']['AssessmentIndicators']['items'][number]
export type IndicatorUnit = Indicator['unit']
export type Scheme = components['schemas']['AssessmentScheme']
export type SchemeBody = Scheme['body']
export type SchemeItem = SchemeBody['items'][number]
export type Run = components['schemas']['AssessmentRun']
export type RunSummary = components['schemas']['AssessmentRuns']['items'][number]
export type Result = components['schemas']['AssessmentResult']
export type Subsidy = NonNullable<Result['subsidy']>
export type MarkBody = paths['/api/assessment/marks']['put']['requestBody']['content']['application/json']
export type MarkKind = MarkBody['kind']

export const assessmentKey = ['assessment'] as const
const runsKey = [...assessmentKey, 'runs'] as const

/** The indicators a scheme may weigh, with their units and formulas (they change only with the server). */
export const useIndicators = () =>
  useQuery({
    queryKey: [...assessmentKey, 'indicators'],
    queryFn: () => api.get('/api/assessment/indicators').then((r) => r.items),
    staleTime: Number.POSITIVE_INFINITY,
  })

export const useSchemes = () =>
  useQuery({
    queryKey: [...assessmentKey, 'schemes'],
    queryFn: () => api.get('/api/assessment/schemes').then((r) => r.items),
  })

/** The stored runs of a scheme in the reader's subtrees, newest period first. */
export const useRuns = (scheme: string | undefined) =>
  useQuery({
    queryKey: [...runsKey, 'list', scheme],
    queryFn: () =>
      api.get('/api/assessment/runs', { params: { query: { scheme: scheme ?? '' } } }).then((r) => r.items),
    enabled: Boolean(scheme),
  })

export type RunSort = Run['page']['sort']
/** A page of a run's results as the ranking asks for it (the order omitted: the sort's natural one, best first). */
export interface RunPage {
  page: number
  limit: number
  sort: RunSort
  order?: 'asc' | 'desc'
}
export const FIRST_PAGE: RunPage = { page: 1, limit: 50, sort: 'rank' }

/** A page of a stored run; the page before stays on screen while the next loads. */
export const useRun = (id: string | undefined, page: RunPage) =>
  useQuery({
    queryKey: [...runsKey, 'one', id, page],
    queryFn: () => api.get('/api/assessment/runs/{id}', { params: { path: { id: id ?? '' }, query: page } }),
    enabled: Boolean(id),
    placeholderData: keepPreviousData,
  })

/** One subject's line of a run (a detail opened by its address, on another page than the one shown). */
export const useRunSubject = (id: string | undefined, subject: string | null) =>
  useQuery({
    queryKey: [...runsKey, 'one', id, 'subject', subject],
    queryFn: () =>
      api
        .get('/api/assessment/runs/{id}', {
          params: { path: { id: id ?? '' }, query: { subject: subject ?? '' } },
        })
        .then((r) => r.results[0] ?? null),
    enabled: Boolean(id && subject),
  })

export { runsKey }

export const computeRun = (body: { scheme: string; period: string; grid?: string }) =>
  api.post('/api/assessment/runs', { body })

export const publishRun = (id: string) =>
  api.post('/api/assessment/runs/{id}/publish', { params: { path: { id } } })

export const saveMark = (body: MarkBody) => api.put('/api/assessment/marks', { body })

export const saveScheme = (id: string, body: { version: number; name: Scheme['name']; body: SchemeBody }) =>
  api.put('/api/assessment/schemes/{id}', { params: { path: { id } }, body })

/** A run as an .xlsx, its headers in the app's language (the client sends it along). */
export const fetchRunWorkbook = (id: string, sheet: 'scores' | 'subsidy') =>
  api.get('/api/assessment/runs/{id}/export.xlsx', {
    params: { path: { id }, query: { sheet } },
    parseAs: 'blob',
  }) as unknown as Promise<Blob>

/** The file name the server gives the same workbook (assessment.xlsx.ts runFileName). */
export const runFileName = (run: Run, stem: string) => `${stem}_${run.scheme.code}_${run.period}.xlsx`
