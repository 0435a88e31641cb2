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
import { badRequest311, forbidden311 } from './open311.errors'
import { noticeOf } from './open311.map'
import { given } from './open311.params'
import { open311Repo } from './open311.repo'

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

/** POST /requests.json: a request submitted with an API key, through the cases intake. */
export function createOpen311Submit(
  deps: ServiceDeps,
  cases: CasesService,
  sessions: SessionService,
  cipher: DataCipher,
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

  return {
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
  }
}
