import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query'
import { api } from '../api/client'
import type { components, paths } from '../api/openapi'
import type { JsonOf } from '../api/types'
import type { PhotoPoint } from '../common/photos/exifGps'
import { locationHeader } from '../common/photos/preparePhoto'

/** One event with its grids, deadlines, timeline and the actions the reader may take now. */
export type CaseView = components['schemas']['Case']
/** A row of the inbox. */
export type CaseSummary = components['schemas']['CaseSummary']
export type CaseState = CaseView['state']
export type CaseAction = CaseView['abilities'][number]
export type TimelineEntry = CaseView['timeline'][number]
export type CaseQueue = NonNullable<NonNullable<paths['/api/cases']['get']['parameters']['query']>['queue']>
export type CaseList = JsonOf<paths['/api/cases']['get']['responses'][200]>
export type CaseCreateBody = JsonOf<paths['/api/cases']['post']['requestBody']>
export type CaseActionBody = JsonOf<paths['/api/cases/{id}/actions/{action}']['post']['requestBody']>
export type CategoryList = JsonOf<paths['/api/case-categories']['get']['responses'][200]>
export type Category = CategoryList['categories'][number]
export type Department = components['schemas']['Department']
export type GridChain = JsonOf<paths['/api/grids/locate']['get']['responses'][200]>['chain']
export type Point = { lng: number; lat: number }
/** A department summoned by a whistle 吹哨, with its report-in 报到 deadline. */
export type Participant = CaseView['participants'][number]
export type Duplicate = CaseView['duplicates'][number]
export type Duration = NonNullable<CaseActionBody['duration']>
export type SupervisionGrade = NonNullable<CaseView['supervision']>
export type Attachment = JsonOf<
  paths['/api/cases/{id}/attachments']['get']['responses'][200]
>['items'][number]
/** An open case of the same class near a point: one to follow ("me too" 附议) instead of reporting again. */
export type NearbyCase = JsonOf<paths['/api/cases/nearby']['get']['responses'][200]>[number]
export type FollowResult = JsonOf<paths['/api/cases/{id}/follow']['post']['responses'][200]>

export const casesKey = ['cases'] as const

export const caseKey = (id: string) => [...casesKey, 'one', id] as const
/** Under the case's key, so that reloading the case after a conflict reloads its photos too. */
export const attachmentsKey = (id: string) => [...caseKey(id), 'attachments'] as const

const byId = (id: string) => ({ params: { path: { id } } })

export const getCase = (id: string) => api.get('/api/cases/{id}', byId(id))
/** Reports an event; the same key with the same body answers the same case however often it is sent. */
export const reportCase = (body: CaseCreateBody, idempotencyKey: string) =>
  api.post('/api/cases', { body, headers: { 'idempotency-key': idempotencyKey } })
export const actOnCase = (id: string, action: CaseAction, body: CaseActionBody) =>
  api.post('/api/cases/{id}/actions/{action}', { params: { path: { id, action } }, body })

/**
 * Where a case's attachment is served from (the original, to readers of the case). A URL, not a call:
 * the browser loads it itself in an <img> or a link, with the session cookie.
 */
export const attachmentUrl = (caseId: string, attachmentId: string) =>
  `/api/cases/${encodeURIComponent(caseId)}/attachments/${encodeURIComponent(attachmentId)}`

export const useAttachments = (caseId: string) =>
  useQuery({
    queryKey: attachmentsKey(caseId),
    queryFn: () => api.get('/api/cases/{id}/attachments', byId(caseId)),
  })

/** Open cases of this class near the point, nearest first (none until both are chosen). */
export const useNearby = (categoryCode: string | null, point: Point | null) =>
  useQuery({
    queryKey: [...casesKey, 'nearby', categoryCode, point?.lng, point?.lat],
    queryFn:
      categoryCode !== null && point !== null
        ? () =>
            api.get('/api/cases/nearby', {
              params: { query: { categoryCode, lng: point.lng, lat: point.lat } },
            })
        : skipToken,
  })

/** "Me too" 附议: the reader follows the case instead of reporting it again. */
export const followCase = (id: string) => api.post('/api/cases/{id}/follow', byId(id))

/**
 * Attaches a photo to a case (the evidence a filing standard asks for before handle or verify). The
 * file goes as the raw body with its own Content-Type; where a photo shrunk in the browser was taken
 * goes as a header; `showToReporter` puts its copy without metadata on the reporter's tracking page.
 */
export async function attachPhoto(
  caseId: string,
  file: Blob,
  opts: { location?: PhotoPoint | null; showToReporter?: boolean } = {},
): Promise<void> {
  await api.post('/api/cases/{id}/attachments', {
    params: {
      path: { id: caseId },
      query: opts.showToReporter ? { showToReporter: 'true' } : undefined,
      header: { 'x-photo-location': opts.location ? locationHeader(opts.location) : undefined },
    },
    // The document types a binary body as a string; the browser sends the Blob itself, untouched.
    body: file as unknown as string,
    bodySerializer: (body) => body,
    headers: { 'content-type': file.type },
  })
}

export const useCase = (id: string) => useQuery({ queryKey: caseKey(id), queryFn: () => getCase(id) })

/** The catalogue changes only when an administrator edits it: one load per visit is enough. */
export const useCategories = () =>
  useQuery({
    queryKey: [...casesKey, 'categories'],
    queryFn: () => api.get('/api/case-categories'),
    staleTime: 10 * 60_000,
  })

export const useDepartments = (enabled: boolean) =>
  useQuery({
    queryKey: ['departments'],
    queryFn: () => api.get('/api/departments'),
    staleTime: 5 * 60_000,
    enabled,
  })

/** The grids covering a picked point, root first (empty outside every grid). */
export const useLocate = (point: Point | null, enabled: boolean) =>
  useQuery({
    queryKey: ['grids', 'locate', point?.lng, point?.lat],
    queryFn:
      enabled && point !== null
        ? () => api.get('/api/grids/locate', { params: { query: { lng: point.lng, lat: point.lat } } })
        : skipToken,
    placeholderData: keepPreviousData,
  })

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** The id of a case by its number 编号 (or an id typed as is); null when the reader sees none such. */
export async function findCaseId(noOrId: string): Promise<string | null> {
  const wanted = noOrId.trim()
  if (UUID.test(wanted)) return wanted
  if (!wanted) return null
  const list = await api.get('/api/cases', { params: { query: { q: wanted, limit: 20 } } })
  return list.items.find((c) => c.no.toUpperCase() === wanted.toUpperCase())?.id ?? null
}
