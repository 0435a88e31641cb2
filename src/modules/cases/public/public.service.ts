import { timingSafeEqual } from 'node:crypto'
import { openContact } from '../../../lib/contact'
import type { Actor, RequestContext } from '../../../lib/context'
import type { DataCipher } from '../../../lib/crypto'
import { maskEmail, maskName, maskPhone } from '../../../lib/crypto'
import { badRequest, conflict, forbidden, notFound } from '../../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../../lib/service'
import { newSecret, sha256Hex } from '../../../lib/tokens'
import { recordPersonalDataRead } from '../../audit/audit.personal-data'
import { recordAudit } from '../../audit/audit.service'
import { isPublicCategory, mayDecidePublication, mayUnmaskContact } from '../cases.publication'
import { casesRepo } from '../cases.repo'
import type { CasesService } from '../cases.service'
import { canRate, toPublicCase } from './public.presenter'
import { publicRepo, type TrackedRow } from './public.repo'
import type {
  Contact,
  PublicCase,
  PublicRatingBody,
  PublicReportBody,
  ReporterContact,
} from './public.schema'

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

export function createPublicCasesService(deps: ServiceDeps, cases: CasesService, cipher: DataCipher) {
  const { db } = deps

  /** The case the token opens; an unknown number and a wrong token get the same 404. */
  async function tracked(no: string, token: string | undefined): Promise<TrackedRow> {
    const row = await publicRepo.byNo(db, no)
    if (!tokenMatches(row?.tracking_token_hash ?? null, token) || !row)
      throw notFound('case.not_found', 'No such case, or the tracking link is not this case’s')
    return row
  }

  async function view(row: TrackedRow): Promise<PublicCase> {
    return toPublicCase(row, await casesRepo.timeline(db, row.id))
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

    /**
     * Staff record whether the reporter agreed to publication (a hotline caller, a worker's
     * neighbour): only those who may accept or supervise the case, audited as `case.publication`.
     */
    async setPublication(ctx: RequestContext, id: string, publish: boolean) {
      await cases.view(ctx, id) // 404 for whoever may not read the case
      const row = await publicRepo.reporter(db, id)
      if (!row) throw notFound('case.not_found', `No case ${id}`)
      if (!mayDecidePublication(ctx.actor, { gridPath: row.grid_path, ownerPath: row.owner_path }))
        throw forbidden('case.publication_forbidden', 'You may not decide whether this case is published')
      await inTransaction(deps, async (tx) => {
        await publicRepo.setPublishConsent(tx, id, publish)
        await recordAudit(tx, ctx, {
          action: 'case.publication',
          resourceType: 'case',
          resourceId: row.no,
          summary: { publish },
        })
      })
      return { publish }
    },

    /**
     * A case's reporter contact for staff who may read the case: masked, or in clear for those who
     * accept or supervise it. Every view that carries a contact, masked or not, writes a
     * `personal_data.read` row before it is answered; a clear view writes `case.contact_unmask` too.
     */
    async reporterContact(ctx: RequestContext, id: string, unmask: boolean): Promise<ReporterContact> {
      await cases.view(ctx, id) // 404 for whoever may not read the case
      const row = await publicRepo.reporter(db, id)
      if (!row) throw notFound('case.not_found', `No case ${id}`)
      if (unmask && !mayUnmaskContact(ctx.actor, { gridPath: row.grid_path, ownerPath: row.owner_path }))
        throw forbidden('case.contact_forbidden', 'You may not see the reporter’s contact unmasked')
      const contact = row.reporter_contact ? (openContact(cipher, row.reporter_contact) as Contact) : null
      const clear = {
        name: contact?.name ?? null,
        phone: contact?.phone ?? null,
        email: contact?.email ?? null,
      }
      if (!contact) return { contact: null, masked: !unmask }
      const fields = Object.keys(contact)
      const read = {
        subjectType: 'case_reporter',
        subjectIds: [row.no],
        purpose: 'case.reporter_contact',
        fields,
        masked: !unmask,
      }
      if (!unmask) {
        await recordPersonalDataRead(db, ctx, read)
        const masked = {
          name: clear.name && maskName(clear.name),
          phone: clear.phone && maskPhone(clear.phone),
          email: clear.email && maskEmail(clear.email),
        }
        return { contact: masked, masked: true }
      }
      await inTransaction(deps, async (tx) => {
        await recordAudit(tx, ctx, {
          action: 'case.contact_unmask',
          resourceType: 'case',
          resourceId: row.no,
          summary: { fields },
        })
        await recordPersonalDataRead(tx, ctx, read)
      })
      return { contact: clear, masked: false }
    },
  }
}

export type PublicCasesService = ReturnType<typeof createPublicCasesService>
