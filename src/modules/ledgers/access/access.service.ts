import type { RequestContext } from '../../../lib/context'
import { badRequest, forbidden } from '../../../lib/problem'
import type { LedgerDeps } from '../ledgers.deps'
import { ledgerSubtrees } from '../ledgers.policy'
import { maskName } from '../privacy/masks'
import { accessRepo, type RevealFilter, type RevealRow } from './access.repo'
import type { RevealQuery } from './access.schema'

/** A China calendar day's first instant (UTC+08:00, no daylight saving). */
const dayStart = (day: string, plusDays = 0) =>
  new Date(Date.parse(`${day}T00:00:00+08:00`) + plusDays * 86_400_000)

const iso = (v: string | Date) => (v instanceof Date ? v : new Date(v)).toISOString()

function toReveal(r: RevealRow) {
  const s = r.summary ?? {}
  const label =
    r.resource_type === 'organization'
      ? r.organization_name
      : r.erased || r.person_name === null
        ? null
        : maskName(r.person_name)
  return {
    id: Number(r.id),
    at: iso(r.at),
    actorId: r.actor_id,
    actorName: r.actor_name,
    recordType: r.resource_type,
    recordId: r.resource_id,
    personId: r.person_id,
    label,
    purpose: String(s.purpose ?? ''),
    reason: typeof s.reason === 'string' ? s.reason : null,
    fields: Array.isArray(s.fields) ? s.fields.map(String) : [],
  }
}

/**
 * The subtree's reveal log 查看记录: every unmask and break-glass read of a person, an organisation
 * or a special-group membership within the reader's grids. Read by whoever may read a person's own
 * access log (break-glass over the grid); scope filtered in SQL.
 */
export function createAccessService(deps: LedgerDeps) {
  const { db } = deps

  function filter(ctx: RequestContext, q: Omit<RevealQuery, 'limit' | 'cursor'>): RevealFilter {
    const within = ledgerSubtrees(ctx.actor, 'ledger.break_glass')
    if (within && within.length === 0)
      throw forbidden('ledger.forbidden', 'You may not read the ledgers’ access log')
    if (q.from && q.to && q.from > q.to)
      throw badRequest('ledger.bad_date_range', 'The first day comes after the last')
    return {
      within,
      from: q.from ? dayStart(q.from) : undefined,
      to: q.to ? dayStart(q.to, 1) : undefined,
      actorId: q.actor,
    }
  }

  return {
    async reveals(ctx: RequestContext, q: RevealQuery) {
      const rows = await accessRepo.reveals(db, filter(ctx, q), q.limit + 1, q.cursor)
      const page = rows.slice(0, q.limit)
      return {
        items: page.map(toReveal),
        nextCursor: rows.length > q.limit ? Number(page.at(-1)?.id) : null,
      }
    },

    async readers(ctx: RequestContext, q: Omit<RevealQuery, 'limit' | 'cursor' | 'actor'>) {
      const rows = await accessRepo.readers(db, filter(ctx, q))
      return { items: rows.map((r) => ({ id: r.id, name: r.name, count: r.n })) }
    },
  }
}

export type AccessService = ReturnType<typeof createAccessService>
