import createClient, { type Client, type FetchResponse, type MaybeOptionalInit } from 'openapi-fetch'
import { EARLY_KEY, type EarlyReads } from '../early/early.types'
import type { paths } from './openapi'

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

let onUnauthorized = () => {}

/** The app decides where a signed-out user goes; the client only reports it. */
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler
}

/** Something besides a request learnt that the session is gone (a live socket closed as signed out). */
export function reportSignedOut() {
  onUnauthorized()
}

// Any 401 but a failed sign-in means the session is gone.
function signedOut(request: Request, error: ApiError) {
  return error.status === 401 && new URL(request.url).pathname !== '/api/auth/login'
}

/** Blank members are left out: an empty filter field means "any", not "equal to ''". */
function querySerializer(query: Record<string, unknown>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  }
  return params.toString()
}

/** The reads the early script started as the page opened (web/src/early/), once it has run. */
const early = () => (globalThis as Record<symbol, EarlyReads | undefined>)[EARLY_KEY]

/**
 * Every call goes through here: the reader's language goes along, a failure comes back as an
 * ApiError (the caller never sees an unsuccessful Response), and a lost session is reported.
 */
function transport({ reportSignOut }: { reportSignOut: boolean }) {
  return async (request: Request): Promise<Response> => {
    // The server writes problem titles in the language asked for; the app keeps <html lang> current.
    request.headers.set('accept', 'application/json')
    request.headers.set('accept-language', document.documentElement.lang || 'zh-CN')
    let response: Response
    try {
      response = await (early()?.take(request) ?? fetch(request))
    } catch {
      throw new ApiError(0, 'network.unreachable', 'The server cannot be reached')
    }
    if (response.ok) return response
    const error = await toApiError(response)
    if (reportSignOut && signedOut(request, error)) onUnauthorized()
    throw error
  }
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'
/** The document's paths that answer this method. */
type PathsWith<M extends Method> = {
  [P in keyof paths]: paths[P] extends Record<M, object> ? P : never
}[keyof paths]
type Init<P extends keyof paths, M extends Method> = MaybeOptionalInit<paths[P], M>
/** The init argument, optional when the operation needs no parameters and no body. */
type InitArgs<P extends keyof paths, M extends Method> =
  undefined extends Init<P, M> ? [init?: Init<P, M>] : [init: Init<P, M>]
/** The body of a successful answer (null for a 204). */
type Answer<P extends keyof paths, M extends Method> = Exclude<
  FetchResponse<NonNullable<paths[P][M]>, object, `${string}/${string}`>['data'],
  undefined
>

/**
 * A call per method that resolves to the answer's body. Unlike openapi-fetch's own methods, the init
 * is not inferred from the call, so a body member the operation does not have is an error too.
 */
function typed(client: Client<paths>) {
  // The types above say what goes in and out; openapi-fetch's generic signature adds nothing here.
  const request = client.request as (
    method: Method,
    path: string,
    init?: object,
  ) => Promise<{ data?: unknown }>
  const method =
    <M extends Method>(name: M) =>
    <P extends PathsWith<M>>(path: P, ...[init]: InitArgs<P, M>) =>
      // The transport has already thrown every failure, so only the `data` half arrives here.
      request(name, path, init).then(({ data }) => data as Answer<P, M>)
  return {
    get: method('get'),
    post: method('post'),
    put: method('put'),
    patch: method('patch'),
    delete: method('delete'),
  }
}

/** The signed-in app's client: paths, parameters, bodies and answers checked against openapi.d.ts. */
export const api = typed(
  createClient<paths>({
    credentials: 'same-origin',
    querySerializer,
    fetch: transport({ reportSignOut: true }),
  }),
)

/**
 * The public pages' client: no session cookie is sent (a resident has none, and a signed-in officer
 * reporting a problem there reports as a resident), and a 401 sends nobody to sign in.
 */
export const publicApi = typed(
  createClient<paths>({ credentials: 'omit', querySerializer, fetch: transport({ reportSignOut: false }) }),
)

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
