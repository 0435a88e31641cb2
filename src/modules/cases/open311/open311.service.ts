import type { Actor, RequestContext } from '../../../lib/context'
import type { DataCipher } from '../../../lib/crypto'
import type { ServiceDeps } from '../../../lib/service'
import { sha256Hex } from '../../../lib/tokens'
import { holdsAnywhere } from '../../auth/auth.policy'
import type { SessionService } from '../../auth/session.service'
import { casesRepo } from '../cases.repo'
import { CaseCreateBodySchema, IdempotencyKeySchema } from '../cases.schema'
import type { CasesService } from '../cases.service'
import type { ExtraField } from '../categories/categories.types'
import { ContactSchema } from '../public/public.schema'
import { badRequest311, forbidden311, notFound311 } from './open311.errors'
import { noticeOf } from './open311.map'
import { toService, toServiceDefinition, toServiceRequest } from './open311.presenter'
import { type NoteRow, open311Repo, type RequestFilter } from './open311.repo'
import type { Discovery, RequestsQuery, Service, ServiceDefinition, ServiceRequest } from './open311.schema'

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

/** An empty parameter counts as absent (the standard says so). */
function given(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v)
  if (typeof v !== 'string') return undefined
  const s = v.trim()
  return s === '' ? undefined : s
}

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

/** The `attribute[CODE]=value` pairs of a form (or an `attribute` object of a JSON body). */
function submittedAttributes(params: Record<string, unknown>): Map<string, string> {
  const found = new Map<string, string>()
  for (const [key, value] of Object.entries(params)) {
    const code = /^attribute\[([^[\]]+)\](?:\[\])?$/.exec(key)?.[1]
    const v = given(value)
    if (code && v !== undefined) found.set(code, v)
  }
  const nested = params.attribute
  if (nested && typeof nested === 'object' && !Array.isArray(nested))
    for (const [code, value] of Object.entries(nested)) {
      const v = given(value)
      if (v !== undefined) found.set(code, v)
    }
  return found
}

/**
 * The answers a service definition asks for, checked: required ones present, numbers numeric, list
 * values among the keys. Codes the definition does not name are dropped (clients such as
 * FixMyStreet send their own, e.g. `attribute[fixmystreet_id]`).
 */
function checkAttributes(fields: ExtraField[], submitted: Map<string, string>) {
  const values: Record<string, string | number> = {}
  const errors: string[] = []
  for (const f of fields) {
    const v = submitted.get(f.key)
    const name = `attribute[${f.key}]`
    if (v === undefined) {
      if (f.required) errors.push(`${name} (${f.en}) is required`)
    } else if (f.type === 'number') {
      if (/^[-+]?\d+(\.\d+)?$/.test(v)) values[f.key] = Number(v)
      else errors.push(`${name} (${f.en}) must be a number`)
    } else if (f.type === 'singlevaluelist') {
      const keys = (f.values ?? []).map((x) => x.key)
      if (keys.includes(v)) values[f.key] = v
      else errors.push(`${name} (${f.en}) must be one of ${keys.join(', ')}`)
    } else if (v.length > 500) errors.push(`${name} (${f.en}) is longer than 500 characters`)
    else values[f.key] = v
  }
  return { values, errors }
}

/**
 * `attribute[publish]=true`: the reporter agreed to the request being listed (the public page's
 * 公开我的诉求). Absent or `false`, the request is not listed.
 */
const PUBLISH_ATTRIBUTE = 'publish'

const DECIMAL = /^[-+]?\d+(\.\d+)?$/

/** GeoReport names of our intake fields, for error descriptions. */
const PARAM_OF: Record<string, string> = {
  description: 'description',
  address: 'address_string',
  lng: 'long',
  lat: 'lat',
  categoryCode: 'service_code',
  name: 'first_name/last_name',
  phone: 'phone',
  email: 'email',
}

function describeIssues(issues: { path: PropertyKey[]; message: string }[]): string[] {
  return issues.map((i) => {
    const key = String(i.path.at(-1) ?? '')
    return `${PARAM_OF[key] ?? key}: ${i.message}`
  })
}

/** 张 + 三 → 张三; John + Smith → John Smith. */
function fullName(first: string | undefined, last: string | undefined): string | undefined {
  if (!first || !last) return first ?? last
  return /^\p{Script=Han}+$/u.test(first + last) ? `${last}${first}` : `${first} ${last}`
}

function mediaUrl(v: string | undefined): string | undefined {
  if (v === undefined) return undefined
  let url: URL | null = null
  try {
    url = new URL(v)
  } catch {}
  if (!url || !['http:', 'https:'].includes(url.protocol) || v.length > 2000)
    throw badRequest311('media_url must be an http(s) URL of at most 2,000 characters')
  return url.href
}

export function createOpen311Service(
  deps: ServiceDeps,
  cases: CasesService,
  sessions: SessionService,
  cipher: DataCipher,
  settings: Open311Settings,
) {
  const { db } = deps

  /** The `api_key` parameter, resolved as the request context resolves a Bearer key; else a Bearer key itself. */
  async function keyActor(ctx: RequestContext, apiKey: string | undefined): Promise<Actor | null> {
    if (apiKey) return sessions.actorForApiKey(apiKey)
    return ctx.actor?.type === 'api_key' ? ctx.actor : null
  }

  /** The contact a requester gave, encrypted as the public report page stores it; null when none. */
  function contactOf(params: Record<string, unknown>): string | null {
    const entries = Object.entries({
      name: fullName(given(params.first_name), given(params.last_name)),
      phone: given(params.phone),
      email: given(params.email),
    }).filter(([, v]) => v !== undefined)
    if (entries.length === 0) return null
    const parsed = ContactSchema.safeParse(Object.fromEntries(entries))
    if (!parsed.success) throw badRequest311(describeIssues(parsed.error.issues))
    return cipher.encrypt(JSON.stringify(parsed.data))
  }

  /** The number of the request a used key made; a key used for another request is refused. */
  async function postedBefore(key: { caller: string; key: string; requestHash: string }) {
    const seen = await casesRepo.intakeKey(db, key.caller, key.key)
    if (!seen) return undefined
    if (seen.request_hash !== key.requestHash)
      throw badRequest311('This Idempotency-Key was used for another request')
    return (await casesRepo.find(db, seen.case_id))?.no
  }

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
    async submit(ctx: RequestContext, params: Record<string, unknown>, idempotencyKey?: string) {
      const actor = await keyActor(ctx, given(params.api_key))
      if (!actor) throw forbidden311('api_key is missing, unknown or revoked')
      if (idempotencyKey !== undefined && !IdempotencyKeySchema.safeParse(idempotencyKey).success)
        throw badRequest311('Idempotency-Key must be 8–128 letters, digits, . _ : -')
      if (!holdsAnywhere(actor, 'case.report')) throw forbidden311('This api_key may not submit requests')
      const code = given(params.service_code)
      if (!code) throw badRequest311('service_code is required')
      const [service] = await open311Repo.services(db, code)
      if (!service) throw badRequest311(`service_code ${code} is not a service of this endpoint`)
      const lat = given(params.lat)
      const long = given(params.long)
      if (lat === undefined || long === undefined) {
        const byAddress = given(params.address_string) ?? given(params.address_id)
        throw badRequest311(
          byAddress && lat === undefined && long === undefined
            ? 'lat and long are required: this endpoint places a request by its point and cannot locate an address_string or address_id'
            : 'lat and long are required',
        )
      }
      if (!DECIMAL.test(lat) || !DECIMAL.test(long))
        throw badRequest311('lat and long must be decimal degrees')
      const submitted = submittedAttributes(params)
      const { values, errors } = checkAttributes(service.fields, submitted)
      const consent = submitted.get(PUBLISH_ATTRIBUTE)
      if (consent !== undefined && consent !== 'true' && consent !== 'false')
        errors.push(`attribute[${PUBLISH_ATTRIBUTE}] must be true or false`)
      if (errors.length) throw badRequest311(errors)
      const media = mediaUrl(given(params.media_url))
      const body = CaseCreateBodySchema.safeParse({
        categoryCode: code,
        location: { lng: Number(long), lat: Number(lat) },
        address: given(params.address_string),
        description: given(params.description) ?? service.name_zh,
        urgency: 'normal',
        source: 'integration',
        // Listed only when the client says its reporter agreed: a hotline bridged through Open311
        // posts for callers who were never asked. Only the text staff approve is ever shown, masked.
        publish: consent === 'true',
      })
      if (!body.success) throw badRequest311(describeIssues(body.error.issues))
      const contact = contactOf(params)
      const { api_key: _, ...request } = params
      const key = idempotencyKey && {
        caller: `api_key:${actor.id}`,
        key: idempotencyKey,
        // In name order: a client may send the same form with its fields in another order.
        requestHash: sha256Hex(JSON.stringify(Object.entries(request).sort(([a], [b]) => (a < b ? -1 : 1)))),
      }
      const done = await cases.intake(
        { ...ctx, actor },
        body.data,
        { userId: null, role: 'integration', contact },
        {
          key: key || undefined,
          reporterConsents: true,
          reportData: { channel: 'open311', attributes: values, ...(media ? { media_url: media } : {}) },
        },
      )
      const no = done?.row.no ?? (key ? await postedBefore(key) : undefined)
      if (!no) throw new Error('intake without a key wrote nothing')
      return [
        {
          service_request_id: no,
          service_notice: noticeOf(service.standard),
          account_id: given(params.account_id) ?? null,
        },
      ]
    },

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
