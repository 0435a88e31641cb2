import { ApiError, type FieldError } from '../api/client'
import type { components, paths } from '../api/openapi'

type JsonOf<T> = T extends { content: { 'application/json': infer Body } } ? Body : never

export type PublicCase = components['schemas']['PublicCase']
export type PublicCategories = JsonOf<paths['/api/public/categories']['get']['responses'][200]>
export type PublicReportBody = NonNullable<
  paths['/api/public/cases']['post']['requestBody']
>['content']['application/json']
export type PublicReportCreated = JsonOf<paths['/api/public/cases']['post']['responses'][201]>
export type PublicRatingBody = NonNullable<
  paths['/api/public/cases/{no}/rating']['post']['requestBody']
>['content']['application/json']

interface CallOptions {
  method?: 'GET' | 'POST'
  body?: unknown
  /** The reporter's tracking token: a header, never the URL (URLs reach logs and histories). */
  token?: string
}

/**
 * The public pages' own calls: no session cookie is sent (a resident has none, and a signed-in
 * officer reporting a problem here reports as a resident), and a 401 sends nobody to sign in.
 */
async function call<T>(path: string, { method = 'GET', body, token }: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': document.documentElement.lang || 'zh-CN',
  }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (token) headers['x-tracking-token'] = token
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'omit',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new ApiError(0, 'network.unreachable', 'The server cannot be reached')
  }
  const text = await response.text()
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  if (response.ok) return json as T
  const problem = (json ?? {}) as {
    code?: unknown
    title?: string
    errors?: FieldError[]
    [member: string]: unknown
  }
  const { type: _type, status: _status, code, title, errors, ...extra } = problem
  throw new ApiError(
    response.status,
    typeof code === 'string' ? code : `http.${response.status}`,
    title ?? response.statusText,
    errors ?? [],
    extra,
  )
}

export const publicCaseKey = (no: string) => ['public-case', no] as const

export const getPublicCategories = () => call<PublicCategories>('/api/public/categories')

export const reportPublicly = (body: PublicReportBody) =>
  call<PublicReportCreated>('/api/public/cases', { method: 'POST', body })

export const trackCase = (no: string, token: string) =>
  call<PublicCase>(`/api/public/cases/${encodeURIComponent(no)}`, { token })

export const rateCase = (no: string, token: string, body: PublicRatingBody) =>
  call<PublicCase>(`/api/public/cases/${encodeURIComponent(no)}/rating`, { method: 'POST', body, token })
