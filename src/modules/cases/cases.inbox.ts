import type { z } from 'zod'
import type { RequestContext } from '../../lib/context'
import { badRequest, forbidden } from '../../lib/problem'
import type { ServiceDeps } from '../../lib/service'
import { recordPersonalDataRead } from '../audit/audit.personal-data'
import { holdsAnywhere } from '../auth/auth.policy'
import { readScope } from './cases.actor'
import type { CaseFilter } from './cases.filter.repo'
import { inboxRepo } from './cases.inbox.repo'
import { toCaseSummary } from './cases.presenter'
import { casesRepo } from './cases.repo'
import type { CaseFilterInput, CaseListQuerySchema, CaseQueues } from './cases.schema'
import type { CasesSettings } from './cases.settings'
import type { CaseState } from './cases.states'

type Queue = (typeof CaseQueues)[number]

const QUEUE_STATES: Partial<Record<Queue, readonly CaseState[]>> = {
  to_accept: ['reported', 'returned'],
  to_dispatch: ['accepted', 'escalated'],
  to_handle: ['dispatched', 'in_progress', 'reopened'],
  to_verify: ['handled'],
  to_close: ['verified'],
}

/** What a queue adds to the filters. */
function queueFilter(queue: Queue, now: Date): CaseFilter {
  const states = QUEUE_STATES[queue]
  if (states) return { states: [...states] }
  if (queue === 'overdue') return { overdueAt: now }
  if (queue === 'supervised') return { supervised: true }
  return { unowned: true }
}

/** At most this many rows in an export; the workbook says so when there were more. */
export const EXPORT_CAP = 5000

/** A China-time day as the instant it starts. */
const dayStart = (day: string, plusDays = 0) =>
  new Date(Date.parse(`${day}T00:00:00+08:00`) + plusDays * 86_400_000)

/**
 * The inbox: the list of a queue, the count of every queue and the Excel export, all under the same
 * filters and within the same read scope (the reader's grids and departments, and their own reports).
 */
export function createCaseInbox(deps: ServiceDeps, settings: CasesSettings) {
  const { db } = deps
  const { calendar, clock } = settings

  async function filterOf(f: CaseFilterInput, now: Date): Promise<CaseFilter> {
    const gridPath = f.grid === undefined ? undefined : await inboxRepo.gridPath(db, f.grid)
    if (f.grid !== undefined && gridPath === undefined)
      throw badRequest('case.unknown_grid', `No grid ${f.grid}`)
    return {
      state: f.state,
      category: f.category,
      gridPath,
      ...(f.overdue === undefined ? {} : { overdueAt: now, overdue: f.overdue }),
      reportedFrom: f.from ? dayStart(f.from) : undefined,
      reportedBefore: f.to ? dayStart(f.to, 1) : undefined,
      text: f.q,
      bbox: f.bbox,
      source: f.source,
      open: f.open,
    }
  }

  const scopeOf = (ctx: RequestContext) => ({
    ...readScope(ctx.actor),
    reporterId: ctx.actor?.type === 'user' ? ctx.actor.id : null,
  })

  return {
    async list(ctx: RequestContext, q: z.infer<typeof CaseListQuerySchema>) {
      const now = clock()
      const filter = await filterOf(q, now)
      const queue = q.queue ? queueFilter(q.queue, now) : {}
      const rows = await casesRepo.list(db, {
        ...filter,
        ...queue,
        limit: q.limit,
        cursor: q.cursor,
        ...scopeOf(ctx),
      })
      const last = rows.at(-1)
      return {
        items: rows.map((r) => toCaseSummary(r, calendar, now)),
        nextCursor: rows.length === q.limit && last ? last.id : null,
      }
    },

    /**
     * The cases the map draws: the inbox's filters (a box, usually) within the reader's scope, newest
     * first, at most `limit` (`truncated` when more matched), each with its state's traffic light.
     */
    async map(ctx: RequestContext, q: CaseFilterInput & { limit: number }) {
      const now = clock()
      const rows = await casesRepo.list(db, {
        ...(await filterOf(q, now)),
        limit: q.limit + 1,
        ...scopeOf(ctx),
      })
      const items = rows.slice(0, q.limit).flatMap((r) => {
        const c = toCaseSummary(r, calendar, now)
        if (!c.location) return []
        const { id, no, state, light, category, source, urgency, reportedAt } = c
        return [{ id, no, state, light, category, source, urgency, reportedAt, ...c.location }]
      })
      return { items, truncated: rows.length > q.limit }
    },

    /** How many cases each queue's list holds under these filters. */
    async queueCounts(ctx: RequestContext, f: CaseFilterInput) {
      const now = clock()
      const queues = Object.keys({ ...QUEUE_STATES, overdue: 1, supervised: 1, no_handler: 1 }) as Queue[]
      const arms = Object.fromEntries(queues.map((q) => [q, queueFilter(q, now)])) as Record<
        Queue,
        CaseFilter
      >
      const { reporterId, ...scope } = scopeOf(ctx)
      const { counts, oldest } = await inboxRepo.count(db, await filterOf(f, now), arms, scope, reporterId)
      return { ...counts, oldest }
    },

    /**
     * The filtered list for an Excel export, newest first, at most EXPORT_CAP rows (`more`: there were
     * more), with its grids' names. Audited as a personal-data read before it is answered: a
     * description or an address may name a person. The reporter's contact is never in it.
     */
    async exportRows(ctx: RequestContext, f: CaseFilterInput & { queue?: Queue }) {
      if (!holdsAnywhere(ctx.actor, 'case.read'))
        throw forbidden('auth.forbidden', 'You may not export events')
      const now = clock()
      const filter = await filterOf(f, now)
      const rows = await casesRepo.list(db, {
        ...filter,
        ...(f.queue ? queueFilter(f.queue, now) : {}),
        limit: EXPORT_CAP + 1,
        ...scopeOf(ctx),
      })
      const kept = rows.slice(0, EXPORT_CAP)
      const gridIds = [...new Set(kept.flatMap((r) => (r.grid_id ? [r.grid_id] : [])))]
      const grids = await inboxRepo.gridNames(db, gridIds)
      await recordPersonalDataRead(db, ctx, {
        subjectType: 'case',
        subjectIds: kept.map((r) => r.no),
        purpose: 'export.cases',
        fields: ['description', 'address'],
      })
      return {
        now,
        more: rows.length > EXPORT_CAP,
        rows: kept.map((r) => ({
          ...toCaseSummary(r, calendar, now),
          grid: r.grid_id ? (grids.get(r.grid_id) ?? null) : null,
        })),
      }
    },
  }
}

export type CaseInbox = ReturnType<typeof createCaseInbox>
export type ExportRow = Awaited<ReturnType<CaseInbox['exportRows']>>['rows'][number]
