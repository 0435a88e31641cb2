import type { Tx } from '../../db/database'
import type { RequestContext } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { badRequest } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import type { GridsService } from '../grids/grids.service'
import { outboxRepo } from '../outbox/outbox.repo'
import { ownerAt } from './cases.actions'
import { casesRepo } from './cases.repo'
import type { CaseCreateBody } from './cases.schema'
import type { CasesSettings } from './cases.service'

/** Who reports, as the case and its first timeline row record it. */
export interface Reporter {
  userId: string | null
  /** The role reported in (grid_worker …), `resident` for the public page, `integration` for a key. */
  role: string
  /** Digest of a reporter's private tracking token (public reports). */
  trackingTokenHash?: string | null
  /** The reporter's contact, already encrypted. */
  contact?: string | null
}

/** The day in China time as yyyymmdd, for tracking numbers. */
const chinaDay = (d: Date) =>
  new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '')

/**
 * The one way a case comes into being, whatever the channel: located to its grid chain, owned at its
 * handling level, numbered, its accept clock started; the case, its first timeline row, the audit
 * row and the outbox message commit together (with whatever `alsoIn` adds, e.g. an idempotency key).
 */
export function createIntake(deps: ServiceDeps, grids: GridsService, settings: CasesSettings) {
  const { db } = deps
  return async function intake(
    ctx: RequestContext,
    body: CaseCreateBody,
    reporter: Reporter,
    alsoIn?: (tx: Tx, caseId: string) => Promise<void>,
  ): Promise<{ id: string; no: string; chain: { code: string; name: string; level: string }[] }> {
    const category = await casesRepo.category(db, body.categoryCode)
    if (!category?.standard || !category.active)
      throw badRequest('case.unknown_category', `No small class ${body.categoryCode} to report under`)
    const standard = category.standard
    const chain = await grids.chainAt(body.location.lng, body.location.lat)
    const route = await casesRepo.route(
      db,
      chain.map((g) => g.path),
      category.code,
    )
    const level = route?.level ?? standard.level
    const leaf = chain.at(-1)
    const ownerPath = leaf ? ownerAt(chain, level) : null
    const now = settings.clock()
    const id = uuidv7()
    const no = await inTransaction(deps, async (tx) => {
      const no = await casesRepo.nextNo(tx, chinaDay(now))
      await casesRepo.insert(tx, {
        id,
        no,
        category_code: category.code,
        nature: body.nature ?? null,
        source: body.source,
        urgency: body.urgency,
        description: body.description,
        address: body.address ?? null,
        lng: body.location.lng,
        lat: body.location.lat,
        grid_id: leaf?.id ?? null,
        grid_path: leaf?.path ?? null,
        level,
        owner_path: ownerPath,
        department_id: null,
        unowned_reason: leaf ? null : 'outside_grids',
        reporter_id: reporter.userId,
        reporter_contact: reporter.contact ?? null,
        tracking_token_hash: reporter.trackingTokenHash ?? null,
        accept_due: settings.calendar.addDuration(now, standard.limits.accept),
        reported_at: now,
      })
      await casesRepo.insertTransition(tx, {
        id: uuidv7(),
        case_id: id,
        action: 'report',
        from_state: null,
        to_state: 'reported',
        actor_id: reporter.userId,
        actor_role: reporter.role,
        at: now,
        public_text: null,
        private_note: null,
        data: { source: body.source },
      })
      await alsoIn?.(tx, id)
      await recordAudit(tx, ctx, {
        action: 'case.report',
        resourceType: 'case',
        resourceId: no,
        summary: { category: category.code, source: body.source, grid: leaf?.code ?? null },
      })
      await outboxRepo.enqueue(tx, 'case.reported', { caseId: id, no, ownerPath })
      return no
    })
    return { id, no, chain: chain.map((g) => ({ code: g.code, name: g.name, level: g.level })) }
  }
}
