import type { DataCipher } from '../../../lib/crypto'
import type { ServiceDeps } from '../../../lib/service'
import type { SessionService } from '../../auth/session.service'
import type { CasesService } from '../cases.service'
import { badRequest311, notFound311 } from './open311.errors'
import { given } from './open311.params'
import { toService, toServiceDefinition, toServiceRequest } from './open311.presenter'
import { type NoteRow, open311Repo, type RequestFilter } from './open311.repo'
import type { Discovery, RequestsQuery, Service, ServiceDefinition, ServiceRequest } from './open311.schema'
import { createOpen311Submit } from './open311.submit'

export interface Open311Settings {
  /** The time (tests fix it): the default window is the 90 days before it. */
  clock: () => Date
  /** Said in discovery as the human contact. */
  hotline: string
  /** Published points are moved to the centre of a grid cell this wide (metres). */
  coordPrecisionM: number
}

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2'
/** When this endpoint's behaviour last changed. */
export const CHANGESET = '2026-11-22T00:00:00Z'
/** The standard's ceiling on one answer; also the largest page. */
export const MAX_RESULTS = 1000
/**
 * How deep pages may reach (page × page_size): each deeper page costs the database every row
 * before it. Harvesters narrow the dates instead.
 */
export const MAX_PAGED_ROWS = 10_000
const DAY_MS = 86_400_000
/** The standard's window: the default (the last 90 days), and the most two dates may span. */
const WINDOW_MS = 90 * DAY_MS

function commaList(v: string | undefined): string[] | undefined {
  const items = v
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  return items?.length ? items : undefined
}

function positiveInt(v: string | undefined, name: string): number | undefined {
  const s = given(v)
  if (s === undefined) return undefined
  if (!/^\d{1,7}$/.test(s) || Number(s) < 1) throw badRequest311(`${name} must be a positive integer`)
  return Number(s)
}

const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/

/**
 * A W3C datetime (`2026-11-23T10:00:00+08:00`). A `+` left unencoded in a query string arrives as a
 * space and is put back; a time without a zone is read as UTC, a date alone as its UTC midnight.
 */
function w3cDate(v: string, name: string): Date {
  const s = v.replace(/ (\d{2}:?\d{2})$/, '+$1')
  if (!W3C_DATETIME.test(s))
    throw badRequest311(`${name} must be a W3C datetime such as 2026-11-23T10:00:00+08:00`)
  const zoned = s.includes('T') && !/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? `${s}Z` : s
  const d = new Date(zoned)
  if (Number.isNaN(d.getTime())) throw badRequest311(`${name} is not a valid date`)
  return d
}

/** Requests by date: both dates within 90 days, one date and the 90 days after (or before) it, or the last 90 days. */
function dateWindow(start: string | undefined, end: string | undefined, now: Date) {
  const from = start ? w3cDate(start, 'start_date') : undefined
  const to = end ? w3cDate(end, 'end_date') : undefined
  if (from && to) {
    if (to < from) throw badRequest311('end_date is before start_date')
    if (to.getTime() - from.getTime() > WINDOW_MS)
      throw badRequest311('start_date and end_date may not span more than 90 days')
    return { from, to }
  }
  if (from) return { from, to: new Date(from.getTime() + WINDOW_MS) }
  if (to) return { from: new Date(to.getTime() - WINDOW_MS), to }
  return { from: new Date(now.getTime() - WINDOW_MS) }
}

export function createOpen311Service(
  deps: ServiceDeps,
  cases: CasesService,
  sessions: SessionService,
  cipher: DataCipher,
  settings: Open311Settings,
) {
  const { db } = deps
  const { submit } = createOpen311Submit(deps, cases, sessions, cipher)

  async function requestRows(filter: RequestFilter, limit: number, offset: number, extensions: boolean) {
    const rows = await open311Repo.requests(db, filter, limit, offset)
    const precision = settings.coordPrecisionM
    if (!extensions) return rows.map((r) => toServiceRequest(r, null, precision))
    const notes = new Map<string, NoteRow[]>()
    for (const n of await open311Repo.notes(
      db,
      rows.map((r) => r.id),
    ))
      notes.set(n.case_id, [...(notes.get(n.case_id) ?? []), n])
    return rows.map((r) => toServiceRequest(r, notes.get(r.id) ?? [], precision))
  }

  return {
    submit,

    discovery(url: string): Discovery {
      return {
        changeset: CHANGESET,
        contact: `Supervision hotline 监督电话 ${settings.hotline}`,
        key_service:
          'API keys (wgk_…) are issued by the administrators of this deployment (POST /api/api-keys); the key’s role must hold case.report',
        endpoints: [
          {
            specification: SPECIFICATION,
            url,
            changeset: CHANGESET,
            type: 'production',
            formats: ['text/xml', 'application/json'],
          },
        ],
      }
    },

    async services(): Promise<Service[]> {
      return (await open311Repo.services(db)).map(toService)
    },

    async service(code: string): Promise<ServiceDefinition> {
      const [row] = await open311Repo.services(db, code)
      if (!row) throw notFound311(`No service ${code}`)
      return toServiceDefinition(row)
    },

    /**
     * POST requests: a new case through the one intake (source `integration`), reported by the API
     * key. It is numbered at once, so the answer carries the service_request_id and no token. An
     * `Idempotency-Key` header (beyond the standard) makes a retried POST answer the same request.
     */
    /** Requests are numbered at once: a token is the request's own number. */
    async token(token: string) {
      if (!(await open311Repo.exists(db, token))) throw notFound311(`No request for the token ${token}`)
      return [{ service_request_id: token, token }]
    },

    async requests(q: RequestsQuery): Promise<ServiceRequest[]> {
      const extensions = given(q.extensions)?.toLowerCase() === 'true'
      const page = positiveInt(q.page, 'page') ?? 1
      const size = Math.min(positiveInt(q.page_size, 'page_size') ?? MAX_RESULTS, MAX_RESULTS)
      if (page * size > MAX_PAGED_ROWS)
        throw badRequest311(
          `page × page_size may not exceed ${MAX_PAGED_ROWS} (asked ${page} × ${size}): narrow start_date and end_date instead`,
        )
      const nos = commaList(given(q.service_request_id))
      let filter: RequestFilter
      if (nos) filter = { nos: nos.slice(0, MAX_RESULTS) }
      else {
        const statuses = commaList(given(q.status)) ?? []
        const unknown = statuses.filter((s) => s !== 'open' && s !== 'closed')
        if (unknown.length) throw badRequest311('status must be open, closed, or both comma-separated')
        const status = new Set(statuses).size === 1 ? (statuses[0] as 'open' | 'closed') : undefined
        filter = {
          ...dateWindow(given(q.start_date), given(q.end_date), settings.clock()),
          codes: commaList(given(q.service_code)),
          status,
        }
      }
      return requestRows(filter, size, (page - 1) * size, extensions)
    },

    async request(no: string, extensions: string | undefined): Promise<ServiceRequest[]> {
      const found = await requestRows({ nos: [no] }, 1, 0, given(extensions)?.toLowerCase() === 'true')
      if (found.length === 0) throw notFound311(`No request ${no}`)
      return found
    },
  }
}

export type Open311Service = ReturnType<typeof createOpen311Service>
