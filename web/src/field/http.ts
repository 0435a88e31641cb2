import { ApiError } from '../api/client'

export { ApiError }

/** Network down, or no answer: the outbox keeps the entry and tries again later. */
export const NETWORK = 'network.unreachable'

export interface Sent<T> {
  status: number
  data: T
  headers: Headers
}

let onSignedOut = () => {}

/** The app shows "signed out on this device" when a call answers 401 (the outbox is kept). */
export function setSignedOutHandler(handler: () => void) {
  onSignedOut = handler
}

/**
 * One call to the server with the session cookie: JSON in and out (or a Blob for an upload), the
 * reader's language for problem titles, any non-2xx as an ApiError with the problem's code, and a
 * network failure as ApiError(0, 'network.unreachable').
 */
export async function call<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  init: { json?: unknown; blob?: Blob; headers?: Record<string, string> } = {},
): Promise<Sent<T>> {
  const headers = new Headers(init.headers)
  headers.set('accept', 'application/json')
  headers.set('accept-language', document.documentElement.lang || 'zh-CN')
  let body: BodyInit | undefined
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json')
    body = JSON.stringify(init.json)
  } else if (init.blob) {
    headers.set('content-type', init.blob.type || 'application/octet-stream')
    body = init.blob
  }
  let response: Response
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin', cache: 'no-store' })
  } catch {
    throw new ApiError(0, NETWORK, 'The server cannot be reached')
  }
  const text = await response.text()
  let data: unknown
  try {
    data = text ? JSON.parse(text) : null
  } catch {
    data = null
  }
  // A Wi-Fi login page (a captive portal) answers 200 with HTML, often after a redirect: not the server's
  // answer, so the entry stays queued rather than being counted as sent.
  if (response.ok && (response.redirected || (text !== '' && data === null)))
    throw new ApiError(0, NETWORK, 'The answer did not come from the server')
  if (response.ok) return { status: response.status, data: data as T, headers: response.headers }
  const problem = (data ?? {}) as { code?: unknown; title?: unknown }
  const code = typeof problem.code === 'string' ? problem.code : `http.${response.status}`
  const title = typeof problem.title === 'string' ? problem.title : response.statusText
  const error = new ApiError(response.status, code, title)
  if (response.status === 401 && path !== '/api/auth/login') onSignedOut()
  throw error
}

/** GET and the body. */
export const getJson = async <T>(path: string) => (await call<T>('GET', path)).data
