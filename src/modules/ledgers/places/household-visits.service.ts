import type { RequestContext } from '../../../lib/context'
import { uuidv7 } from '../../../lib/ids'
import { badRequest, forbidden, notFound, Problem } from '../../../lib/problem'
import { requestHash } from '../../../lib/request-hash'
import { sqlStateOf } from '../../../lib/safe-error'
import { inTransaction } from '../../../lib/service'
import { recordAudit } from '../../audit/audit.service'
import type { LedgerDeps } from '../ledgers.deps'
import { ledgerSubtrees, mayWriteLedger } from '../ledgers.policy'
import { tableSealer } from '../privacy/seal'
import { type HouseholdVisitRow, householdVisitsRepo } from './household-visits.repo'
import type { HouseholdVisitBody } from './household-visits.schema'
import { householdsRepo } from './households.repo'

/** A visit within this many metres of the household's building counts as made there (the location proof). */
export const AT_BUILDING_M = 100
/** A phone's clock may run this far ahead of the server's. */
const FUTURE_SLACK_MS = 5 * 60_000

const householdNotFound = () => notFound('ledger.household_not_found', 'No such household')

function toView(r: HouseholdVisitRow) {
  const distance = r.distance_m === null ? null : Math.round(Number(r.distance_m))
  return {
    id: r.id,
    householdId: r.household_id,
    visitor: { id: r.visitor_id, name: r.visitor_name },
    visitedAt: new Date(r.visited_at).toISOString(),
    place: r.lng === null || r.lat === null ? null : { lng: Number(r.lng), lat: Number(r.lat) },
    outcome: r.outcome as HouseholdVisitBody['outcome'],
    hasNotes: r.notes_sealed !== null,
    photos: r.photos ?? [],
    distanceM: distance,
    atBuilding: distance === null ? null : distance <= AT_BUILDING_M,
  }
}

/**
 * Household visits 入户走访: a worker records who they met at a household (or that nobody was home),
 * where they stood (compared with the household's building: the location proof), notes (sealed) and
 * photos by hash. A visit sent again from a phone after a lost answer is the same visit.
 */
export function createHouseholdVisitsService(deps: LedgerDeps) {
  const { db, clock } = deps
  const sealer = tableSealer(deps.fields, 'visits')

  async function household(ctx: RequestContext, id: string) {
    const [row] = await householdsRepo.list(db, {
      within: ledgerSubtrees(ctx.actor, 'ledger.read'),
      id,
      limit: 1,
    })
    if (!row) throw householdNotFound()
    return row
  }

  async function replayOf(id: string, householdId: string, hash: string) {
    const existing = await householdVisitsRepo.find(db, id)
    if (!existing) return null
    if (existing.household_id !== householdId || existing.request_hash !== hash)
      throw new Problem(422, 'idempotency.key_reused', 'This id was already used for another visit')
    return { view: toView(existing), replayed: true }
  }

  return {
    async list(ctx: RequestContext, householdId: string) {
      await household(ctx, householdId)
      return { items: (await householdVisitsRepo.list(db, householdId)).map(toView) }
    },

    async record(ctx: RequestContext, householdId: string, body: HouseholdVisitBody) {
      if (ctx.actor?.type !== 'user')
        throw forbidden('ledger.visitor_required', 'A visit is recorded by a user')
      const visitorId = ctx.actor.id
      const hash = body.id ? requestHash(householdId, body) : null
      if (body.id && hash) {
        const earlier = await replayOf(body.id, householdId, hash)
        if (earlier) return earlier
      }
      const row = await household(ctx, householdId)
      if (!mayWriteLedger(ctx.actor, row.grid_path))
        throw forbidden('ledger.write_forbidden', 'You may see this household but not record its visits')
      const now = clock()
      const visitedAt = body.visitedAt ? new Date(body.visitedAt) : now
      if (visitedAt.getTime() > now.getTime() + FUTURE_SLACK_MS)
        throw badRequest('ledger.visit_in_future', 'A visit cannot be recorded before it takes place')
      const id = body.id ?? uuidv7()
      try {
        await inTransaction(deps, async (tx) => {
          await householdVisitsRepo.insert(tx, {
            id,
            householdId,
            visitorId,
            visitedAt,
            place: body.place ?? null,
            outcome: body.outcome,
            notesSealed: sealer.seal('notes_sealed', id, body.notes),
            photos: body.photos,
            requestHash: hash,
          })
          await recordAudit(tx, ctx, {
            action: 'household_visit.record',
            resourceType: 'household',
            resourceId: householdId,
            summary: { visitId: id, outcome: body.outcome, visitedAt: visitedAt.toISOString() },
          })
        })
      } catch (error) {
        // The same visit sent twice at once: the second waited for the first; answer it as a replay.
        if (sqlStateOf(error) === '23505' && body.id && hash) {
          const earlier = await replayOf(body.id, householdId, hash)
          if (earlier) return earlier
        }
        throw error
      }
      const visit = await householdVisitsRepo.find(db, id)
      if (!visit) throw new Error('the visit just written is missing')
      return { view: toView(visit), replayed: false }
    },
  }
}

export type HouseholdVisitsService = ReturnType<typeof createHouseholdVisitsService>
