import { publicApi } from '../api/client'
import type { components, paths } from '../api/openapi'
import type { JsonOf } from '../api/types'

export type PublicCase = components['schemas']['PublicCase']
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
