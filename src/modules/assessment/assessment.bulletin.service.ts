import type { RequestContext } from '../../lib/context'
import { chinaDay } from '../../lib/dates'
import { uuidv7 } from '../../lib/ids'
import { badRequest, conflict, forbidden, notFound } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import { holdsAnywhere, may, pathCovers, scopesFor } from '../auth/auth.policy'
import type { Permission } from '../auth/permissions'
import { userIdOf } from './assessment.actor'
import { composeBulletin } from './assessment.bulletin'
import { type BulletinRow, bulletinRepo } from './assessment.bulletin.repo'
import { bulletinSections, bulletinTitle } from './assessment.bulletin.text'
import { parsePeriod } from './assessment.period'
import { assessmentRepo } from './assessment.repo'

/** The subtrees where the actor holds a permission (null: everywhere). */
function subtrees(ctx: RequestContext, permission: Permission): string[] | null {
  if (may(ctx.actor, permission)) return null
  return scopesFor(ctx.actor, permission).flatMap((s) => (s.type === 'grid' ? [s.path] : []))
}

const meets = (within: string[] | null, path: string) =>
  within === null || within.some((w) => pathCovers(w, path) || pathCovers(path, w))

/** Drafts are for those who assess; a published bulletin for everyone who reads events there. */
function mayRead(ctx: RequestContext, row: BulletinRow) {
  if (row.state === 'published' && meets(subtrees(ctx, 'case.read'), row.scope_path)) return true
  return (['assessment.read', 'assessment.manage'] as const).some(
    (p) => holdsAnywhere(ctx.actor, p) && meets(subtrees(ctx, p), row.scope_path),
  )
}

export type Lang = 'zh' | 'en'

function view(ctx: RequestContext, row: BulletinRow, lang: Lang) {
  const manages = row.state === 'draft' && may(ctx.actor, 'assessment.manage', { gridPath: row.scope_path })
  return {
    id: row.id,
    period: row.period,
    scope: row.body.area,
    state: row.state,
    composedBy: row.composed_by_name,
    composedAt: new Date(row.composed_at).toISOString(),
    publishedBy: row.published_by_name,
    publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
    body: row.body,
    /** The title and sections as the PDF and the workbook print them, in the reader's language. */
    title: bulletinTitle(row.body, lang),
    sections: bulletinSections(row.body, lang),
    abilities: manages ? (['compose', 'publish'] as const).slice() : [],
  }
}
export type BulletinView = ReturnType<typeof view>

/**
 * Bulletins 通报: a period's account of an area (events, rankings, overdue cases, top problems, good
 * examples), composed and published by those who assess the area, then on the workbenches of everyone
 * who reads its events.
 */
export function createBulletinService(deps: ServiceDeps, clock: () => Date) {
  const { db } = deps

  async function load(ctx: RequestContext, id: string) {
    const row = await bulletinRepo.get(db, id)
    if (!row || !mayRead(ctx, row)) throw notFound('bulletin.not_found', 'No such bulletin')
    return row
  }

  return {
    async compose(ctx: RequestContext, q: { period: string; grid?: string }, lang: Lang) {
      const period = parsePeriod(q.period)
      if (!period) throw badRequest('assessment.bad_period', 'A period is 2026-11, 2026-Q4, 2026-H2 or 2026')
      if (period.from > chinaDay(clock()))
        throw badRequest('assessment.future_period', 'The period has not begun yet')
      const grid = q.grid ? await assessmentRepo.grid(db, q.grid) : undefined
      if (q.grid && !grid) throw notFound('grid.not_found', 'No such grid')
      const area = { path: grid?.path ?? '', name: grid?.name ?? null }
      if (!may(ctx.actor, 'assessment.manage', { gridPath: area.path }))
        throw forbidden('assessment.forbidden', 'You may not publish bulletins of this area')
      if ((await bulletinRepo.find(db, area.path, period.key))?.state === 'published')
        throw conflict('bulletin.published', 'The bulletin of this period was published already')
      const body = await composeBulletin(db, area, period, clock())
      const id = uuidv7()
      await inTransaction(deps, async (tx) => {
        await bulletinRepo.save(tx, {
          id,
          path: area.path,
          period: period.key,
          body,
          by: userIdOf(ctx),
          at: clock(),
        })
        await recordAudit(tx, ctx, {
          action: 'bulletin.compose',
          resourceType: 'bulletin',
          resourceId: id,
          summary: { scope: area.path, period: period.key },
        })
      })
      return view(ctx, await load(ctx, id), lang)
    },

    async list(ctx: RequestContext, q: { state: 'draft' | 'published'; limit: number }, lang: Lang) {
      if (q.state === 'draft') {
        const within = [subtrees(ctx, 'assessment.read'), subtrees(ctx, 'assessment.manage')]
        if (!holdsAnywhere(ctx.actor, 'assessment.read') && !holdsAnywhere(ctx.actor, 'assessment.manage'))
          throw forbidden('auth.forbidden', 'You may not read draft bulletins')
        const all = within.includes(null) ? null : within.flatMap((w) => w ?? [])
        return {
          items: (await bulletinRepo.list(db, all, ['draft'], q.limit)).map((r) => view(ctx, r, lang)),
        }
      }
      const rows = await bulletinRepo.list(db, subtrees(ctx, 'case.read'), ['published'], q.limit)
      return { items: rows.map((r) => view(ctx, r, lang)) }
    },

    async get(ctx: RequestContext, id: string, lang: Lang) {
      return view(ctx, await load(ctx, id), lang)
    },

    async publish(ctx: RequestContext, id: string, lang: Lang) {
      const row = await load(ctx, id)
      if (!may(ctx.actor, 'assessment.manage', { gridPath: row.scope_path }))
        throw forbidden('assessment.forbidden', 'You may not publish bulletins of this area')
      await inTransaction(deps, async (tx) => {
        if (!(await bulletinRepo.publish(tx, id, userIdOf(ctx), clock())))
          throw conflict('bulletin.published', 'The bulletin was published already')
        await recordAudit(tx, ctx, {
          action: 'bulletin.publish',
          resourceType: 'bulletin',
          resourceId: id,
          summary: { scope: row.scope_path, period: row.period },
        })
      })
      return view(ctx, await load(ctx, id), lang)
    },
  }
}

export type BulletinService = ReturnType<typeof createBulletinService>
