import { publicApi } from '../api/client'
import type { components, paths } from '../api/openapi'
import type { JsonOf } from '../api/types'
import { locationHeader, type PreparedPhoto } from '../common/photos/preparePhoto'

export type PublicCase = components['schemas']['PublicCase']
export type PublicPhoto = PublicCase['photos'][number]
export type PublicCategories = JsonOf<paths['/api/public/categories']['get']['responses'][200]>
export type PublicReportBody = NonNullable<
  paths['/api/public/cases']['post']['requestBody']
>['content']['application/json']
export type PublicReportCreated = JsonOf<paths['/api/public/cases']['post']['responses'][201]>
export type PublicRatingBody = NonNullable<
  paths['/api/public/cases/{no}/rating']['post']['requestBody']
>['content']['application/json']

export const publicCaseKey = (no: string) => ['public-case', no] as const

/** The reporter's tracking token: a header, never the URL (URLs reach logs and histories). */
const tracked = (no: string, token: string) => ({
  params: { path: { no }, header: { 'x-tracking-token': token || undefined } },
})

export const getPublicCategories = () => publicApi.get('/api/public/categories')

export const reportPublicly = (body: PublicReportBody) => publicApi.post('/api/public/cases', { body })

export const trackCase = (no: string, token: string) =>
  publicApi.get('/api/public/cases/{no}', tracked(no, token))

export const rateCase = (no: string, token: string, body: PublicRatingBody) =>
  publicApi.post('/api/public/cases/{no}/rating', { ...tracked(no, token), body })

/**
 * Sends one photo of a reported case, with its tracking token: the prepared bytes as the raw body,
 * and where the original says it was taken as a header (never in the URL).
 */
export const sendPhoto = (no: string, token: string, photo: PreparedPhoto) =>
  publicApi.post('/api/public/cases/{no}/photos', {
    params: {
      path: { no },
      header: {
        'x-tracking-token': token,
        'x-photo-location': photo.location ? locationHeader(photo.location) : undefined,
      },
    },
    // The document types a binary body as a string; the browser sends the Blob itself, untouched.
    body: photo.blob as unknown as string,
    bodySerializer: (body) => body,
    headers: { 'content-type': photo.blob.type || 'image/jpeg' },
  })

/** A photo of the tracking page: fetched with the token (an <img> could not send it), as a Blob. */
export const fetchPhoto = (no: string, token: string, id: string) =>
  publicApi.get('/api/public/cases/{no}/photos/{id}', {
    params: { path: { no, id }, header: { 'x-tracking-token': token } },
    parseAs: 'blob',
  }) as Promise<unknown> as Promise<Blob>
