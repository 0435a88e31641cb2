import { timingSafeEqual } from 'node:crypto'
import type { Actor, RequestContext } from '../../../lib/context'
import type { DataCipher } from '../../../lib/crypto'
import { badRequest, conflict, notFound } from '../../../lib/problem'
import type { ServiceDeps } from '../../../lib/service'
import { newSecret, sha256Hex } from '../../../lib/tokens'
import type { CaseAttachments, Upload } from '../attachments/attachments.service'
import { isPublicCategory } from '../cases.publication'
import { casesRepo } from '../cases.repo'
import type { CasesService } from '../cases.service'
import { canRate, toPublicCase } from './public.presenter'
import { publicRepo, type TrackedRow } from './public.repo'
import type { Contact, PublicCase, PublicRatingBody, PublicReportBody } from './public.schema'

/** Tracking tokens read `wgt_…` (sessions and API keys have their own prefixes). */
const TOKEN_PREFIX = 'wgt_'

/**
 * Who acts for an anonymous resident: the system's public channel, holding no grant (the channel's
 * routes decide what it may do), with the request's address and id for the audit row.
 */
const PUBLIC_ACTOR: Actor = { type: 'system', id: 'public', name: 'resident', grants: [] }

export const publicContext = (ip: string | null, requestId: string | null): RequestContext => ({
  actor: PUBLIC_ACTOR,
  ip,
  requestId,
})

/** Compared as digests in constant time; a case without a token still costs one comparison. */
const NO_TOKEN = Buffer.alloc(32)
function tokenMatches(storedDigest: string | null, token: string | undefined): boolean {
  const expected = storedDigest ? Buffer.from(storedDigest, 'hex') : NO_TOKEN
  const given = Buffer.from(sha256Hex(token ?? ''), 'hex')
  return timingSafeEqual(expected.length === 32 ? expected : NO_TOKEN, given) && !!storedDigest && !!token
}

/** The fields a resident filled in, or null when none was. */
function cleanContact(contact: Contact | undefined): Contact | null {
  if (!contact) return null
  const entries = Object.entries(contact).filter(([, v]) => typeof v === 'string' && v.trim() !== '')
  return entries.length ? (Object.fromEntries(entries) as Contact) : null
}

export function createPublicCasesService(
  deps: ServiceDeps,
  cases: CasesService,
  cipher: DataCipher,
  attachments: CaseAttachments,
) {
  const { db } = deps

  /** The case the token opens; an unknown number and a wrong token get the same 404. */
  async function tracked(no: string, token: string | undefined): Promise<TrackedRow> {
    const row = await publicRepo.byNo(db, no)
    if (!tokenMatches(row?.tracking_token_hash ?? null, token) || !row)
      throw notFound('case.not_found', 'No such case, or the tracking link is not this case’s')
    return row
  }

  async function view(row: TrackedRow): Promise<PublicCase> {
    const [timeline, photos] = await Promise.all([
      casesRepo.timeline(db, row.id),
      attachments.reporterPhotos(row.id),
    ])
    return toPublicCase(row, timeline, photos)
  }

  return {
    /** Citizen-facing small classes, grouped under their big classes, for the report form. */
    async categories() {
      const rows = (await casesRepo.categories(db)).filter((r) => r.active && isPublicCategory(r))
      return {
        classes: rows
          .filter((r) => r.code.length === 2)
          .map((big) => ({
            code: big.code,
            zh: big.name_zh,
            en: big.name_en,
            children: rows
              .filter((r) => r.standard && r.code.length === 5 && r.code.startsWith(big.code))
              .map((r) => ({ code: r.code, zh: r.name_zh, en: r.name_en })),
          }))
          .filter((big) => big.children.length > 0),
      }
    },

    /**
     * A resident's report without an account: taken in through the one intake as source `resident`,
     * with the digest of a new tracking token and the contact encrypted. The token is answered once.
     */
    async report(ctx: RequestContext, body: PublicReportBody) {
      const category = await casesRepo.category(db, body.categoryCode)
      if (category && !isPublicCategory(category))
        throw badRequest(
          'case.public_category',
          `Category ${body.categoryCode} is not reported through the public channel`,
        )
      const token = newSecret(TOKEN_PREFIX)
      const contact = cleanContact(body.contact)
      const done = await cases.intake(
        ctx,
        {
          categoryCode: body.categoryCode,
          location: body.location,
          address: body.address,
          description: body.description,
          nature: body.nature,
          urgency: 'normal',
          source: 'resident',
          publish: body.publish,
        },
        {
          userId: null,
          role: 'resident',
          trackingTokenHash: sha256Hex(token),
          contact: contact ? cipher.encrypt(JSON.stringify(contact)) : null,
        },
        { reporterConsents: true },
      )
      if (!done) throw new Error('intake without a key wrote nothing')
      const { no } = done.row
      return { no, token, trackingUrl: `/track/${encodeURIComponent(no)}#${token}` }
    },

    async track(no: string, token: string | undefined): Promise<PublicCase> {
      return view(await tracked(no, token))
    },

    /** A photo from the reporter, with the case's tracking token (sent after the report, one per request). */
    async addPhoto(ctx: RequestContext, no: string, token: string | undefined, upload: Upload) {
      const row = await tracked(no, token)
      const created = await attachments.uploadByReporter(ctx, row.id, upload)
      return { id: created.id }
    },

    /** A photo on the tracking page, for the token's holder: re-encoded, without metadata. */
    async photo(no: string, token: string | undefined, id: string) {
      const row = await tracked(no, token)
      return attachments.reporterPhoto(row.id, id)
    },

    /** The reporter rates the result of a closed case; 1–2 reopens it (the rate action does that). */
    async rate(ctx: RequestContext, no: string, token: string | undefined, body: PublicRatingBody) {
      const row = await tracked(no, token)
      if (row.state === 'closed' && !canRate(row.state, await casesRepo.timeline(db, row.id)))
        throw conflict('case.already_rated', 'This result is already rated')
      await cases.actAsReporter(ctx, row.id, 'rate', {
        version: body.version,
        rating: body.rating,
        publicText: body.text,
      })
      await publicRepo.setRatingText(db, row.id, body.text ?? null)
      return view(await tracked(no, token))
    },
  }
}

export type PublicCasesService = ReturnType<typeof createPublicCasesService>
