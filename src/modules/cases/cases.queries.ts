import type { RequestContext } from '../../lib/context'
import { badRequest, forbidden, notFound } from '../../lib/problem'
import type { ServiceDeps } from '../../lib/service'
import { holdsAnywhere } from '../auth/auth.policy'
import { gridChain } from '../grids/grids.reads'
import type { GridsService } from '../grids/grids.service'
import { loadReadable, readScope } from './cases.actor'
import type { LookAlikes } from './cases.lookalikes'
import { loopRepo } from './cases.loop.repo'
import { abilities, caseFacts, mayReadAsStaff } from './cases.policy'
import { toCaseSummary, toCaseView } from './cases.presenter'
import { casesRepo } from './cases.repo'
import type { CaseIntake, CaseView } from './cases.schema'
import type { CasesSettings } from './cases.settings'
import { caseStats } from './cases.stats'
import type { StatsGroup } from './cases.stats.repo'
import { REQUEST_NATURES } from './categories/categories.types'

const outline = (chain: { code: string; name: string; level: string }[]) =>
  chain.map((g) => ({ code: g.code, name: g.name, level: g.level }))

/** What cases are read as: one case, the look-alikes near a point, the statistics. */
export function createCaseQueries(
  deps: ServiceDeps,
  grids: GridsService,
  settings: CasesSettings,
  lookAlikes: LookAlikes,
) {
  const { db } = deps
  const { calendar, clock } = settings

  return {
    async view(ctx: RequestContext, id: string): Promise<CaseView> {
      const row = await loadReadable(db, ctx, id)
      const mergeable = ['reported', 'accepted'].includes(row.state) && row.lng !== null && row.lat !== null
      const [chain, timeline, participants, pendingExtension, duplicates, followers] = await Promise.all([
        gridChain(db, row.grid_path),
        casesRepo.timeline(db, id),
        loopRepo.participants(db, id),
        loopRepo.pendingExtension(db, id),
        mergeable ? lookAlikes.near(row.category_code, Number(row.lng), Number(row.lat), row.id) : [],
        casesRepo.followerUsers(db, id),
      ])
      return toCaseView(row, {
        calendar,
        now: clock(),
        grids: outline(chain),
        timeline,
        abilities: abilities(ctx.actor, caseFacts(row)),
        participants,
        pendingExtension: pendingExtension ?? null,
        duplicates: await lookAlikes.shownTo(ctx, duplicates),
        followers: followers.length,
        staff: mayReadAsStaff(ctx.actor, caseFacts(row)),
      })
    },

    /** The intake's answer for a case filed before (a replayed Idempotency-Key). */
    async filed(ctx: RequestContext, id: string): Promise<CaseIntake> {
      const row = await casesRepo.find(db, id)
      if (!row) throw notFound('case.not_found', `No case ${id}`)
      const [chain, duplicates] = await Promise.all([
        gridChain(db, row.grid_path),
        row.lng === null || row.lat === null
          ? []
          : lookAlikes.near(row.category_code, Number(row.lng), Number(row.lat), row.id),
      ])
      return {
        ...toCaseSummary(row, calendar, clock()),
        grids: outline(chain),
        abilities: abilities(ctx.actor, caseFacts(row)),
        duplicates: await lookAlikes.shownTo(ctx, duplicates),
      }
    },

    /** Open cases like the one about to be reported, near its point: join one instead ("me too"). */
    async nearby(ctx: RequestContext, q: { categoryCode: string; lng: number; lat: number }) {
      if (!holdsAnywhere(ctx.actor, 'case.report') && !holdsAnywhere(ctx.actor, 'case.read'))
        throw forbidden('auth.forbidden', 'You may not report events')
      return lookAlikes.shownTo(ctx, await lookAlikes.near(q.categoryCode, q.lng, q.lat))
    },

    /** The category tree with filing standards, and the hotline request natures, for forms and configuration. */
    async categories(ctx: RequestContext) {
      if (!holdsAnywhere(ctx.actor, 'case.read') && !holdsAnywhere(ctx.actor, 'case.report'))
        throw forbidden('auth.forbidden', 'You may not view event categories')
      const rows = await casesRepo.categories(db)
      return {
        categories: rows.map((r) => ({
          code: r.code,
          catalogue: r.catalogue,
          parentCode: r.parent_code,
          zh: r.name_zh,
          en: r.name_en,
          active: r.active,
          standard: r.standard,
        })),
        natures: REQUEST_NATURES.map((n) => ({ key: n.key, zh: n.zh, en: n.en })),
      }
    },

    /** The monthly indicators over a period, by grid child, department, category, state or month. */
    async stats(
      ctx: RequestContext,
      q: { from: Date; to: Date; grid?: string; department?: string; category?: string; groupBy: StatsGroup },
    ) {
      if (!holdsAnywhere(ctx.actor, 'case.read'))
        throw forbidden('auth.forbidden', 'You may not view event statistics')
      const gridPath = q.grid ? (await grids.current(ctx, q.grid)).path : undefined
      const department = q.department ? await casesRepo.departmentByCode(db, q.department) : undefined
      if (q.department && !department)
        throw badRequest('case.unknown_department', `No department ${q.department}`)
      // The statistics may read a replica (DATABASE_READ_URL): an aggregate, not a case to act on.
      const rows = await caseStats(
        deps.read ?? db,
        {
          from: q.from,
          to: q.to,
          gridPath,
          departmentId: department?.id,
          category: q.category,
          groupBy: q.groupBy,
        },
        readScope(ctx.actor),
      )
      return { from: q.from.toISOString(), to: q.to.toISOString(), groupBy: q.groupBy, rows }
    },
  }
}

export type CaseQueries = ReturnType<typeof createCaseQueries>
