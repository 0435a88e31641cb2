/** A field the server refused, e.g. `{ field: 'body.password', message: '…' }`. */
export interface FieldError {
  field: string
  message: string
}

/** A failed call, carrying the problem+json answer's stable `code`. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly title: string
  readonly errors: FieldError[]
  /** Members beyond the standard ones, such as `retryAfterSeconds`. */
  readonly extra: Record<string, unknown>

  constructor(
    status: number,
    code: string,
    title: string,
    errors: FieldError[] = [],
    extra: Record<string, unknown> = {},
  ) {
    super(title)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.title = title
    this.errors = errors
    this.extra = extra
  }
}

type Query = Record<string, string | number | undefined | null>

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  body?: unknown
  query?: Query
  headers?: Record<string, string>
}

let onUnauthorized = () => {}

/** The app decides where a signed-out user goes; the client only reports it. */
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, query } = options
  // The server writes problem titles in the language asked for; the app keeps <html lang> current.
  const headers: Record<string, string> = {
    ...options.headers,
    accept: 'application/json',
    'accept-language': document.documentElement.lang || 'zh-CN',
  }
  if (body !== undefined) headers['content-type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(withQuery(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new ApiError(0, 'network.unreachable', 'The server cannot be reached')
  }
  if (response.ok) return (await readJson(response)) as T
  const error = await toApiError(response)
  if (signedOut(path, error)) onUnauthorized()
  throw error
}

// Any 401 but a failed sign-in means the session is gone.
function signedOut(path: string, error: ApiError) {
  return error.status === 401 && path !== '/api/auth/login'
}

function withQuery(path: string, query: Query = {}) {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  }
  const search = params.toString()
  return search ? `${path}?${search}` : path
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text()
  return text ? JSON.parse(text) : undefined
}

async function toApiError(response: Response): Promise<ApiError> {
  const fallback = new ApiError(response.status, `http.${response.status}`, response.statusText)
  let problem: unknown
  try {
    problem = await readJson(response)
  } catch {
    return fallback
  }
  if (!isProblem(problem)) return fallback
  const { type: _type, title, status: _status, code, errors, ...extra } = problem
  return new ApiError(response.status, code, title ?? response.statusText, errors ?? [], extra)
}

interface Problem {
  type?: string
  title?: string
  status?: number
  code: string
  errors?: FieldError[]
  [member: string]: unknown
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as Problem).code === 'string'
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>(path, { query }),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>(path, { method: 'POST', body, headers }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
  delete: (path: string) => request<void>(path, { method: 'DELETE' }),
}
