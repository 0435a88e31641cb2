import type { Db } from '../../db/database'
import type { RequestContext } from '../../lib/context'
import { badRequest, conflict, forbidden, notFound } from '../../lib/problem'
import { holdsAnywhere, may, pathCovers, scopesFor } from '../auth/auth.policy'
import type { Permission } from '../auth/permissions'
import type { CasesService } from '../cases/cases.service'
import { supervisionGradeFor } from './warnings.deadline'
import { type WarningRow, warningsRepo } from './warnings.repo'
import type { WarningAction, WarningActionBody, WarningListQuery, WarningView } from './warnings.schema'

type Action = WarningAction
const OUTCOME = {
  acknowledge: 'acknowledged',
  dismiss: 'dismissed',
  convert: 'converted',
  supervise: 'supervised',
} as const

/**
 * Rules whose warnings say more than their subtree's events do: a worker on patrol's name and
 * position are for those who may follow patrols there; a special group's missed visit for those who
 * may see the group's people (ledger.special, as the groups module decides).
 */
const RULE_PERMISSION: Partial<Record<string, Permission>> = {
  worker_offline: 'patrol.read',
  outside_grid: 'patrol.read',
  visit_missed: 'ledger.special',
}

/** Whether the actor may see this warning beyond reading its subtree's events. */
function mayFollow(ctx: RequestContext, row: WarningRow) {
  const permission = RULE_PERMISSION[row.rule]
  return !permission || may(ctx.actor, permission, { gridPath: row.scope_path })
}

/** Whether the actor supervises the case of a deadline warning: case.supervise over its owning grid, as the cases' policy decides. */
function mayOwn(ctx: RequestContext, row: WarningRow) {
  const owner = typeof row.inputs.ownerPath === 'string' ? row.inputs.ownerPath : row.scope_path
  return owner === ''
    ? may(ctx.actor, 'case.supervise')
    : may(ctx.actor, 'case.supervise', { gridPath: owner })
}

/**
 * What the actor may do with a warning: those who may supervise 督办 its subtree settle it. A
 * deadline warning's one action is to supervise its case (a new case would duplicate it); the others
 * become a case at their place.
 */
function abilitiesOf(ctx: RequestContext, row: WarningRow): Action[] {
  if (row.state !== 'open' || !may(ctx.actor, 'case.supervise', { gridPath: row.scope_path })) return []
  if (row.rule === 'deadline')
    return mayOwn(ctx, row) ? ['acknowledge', 'dismiss', 'supervise'] : ['acknowledge', 'dismiss']
  const convert = row.lng !== null && may(ctx.actor, 'case.report', { gridPath: row.scope_path })
  return convert ? ['acknowledge', 'dismiss', 'convert'] : ['acknowledge', 'dismiss']
}

function toView(ctx: RequestContext, row: WarningRow): WarningView {
  return {
    id: row.id,
    rule: row.rule,
    level: row.level as WarningView['level'],
    title: { zh: row.title_zh, en: row.title_en },
    scopePath: row.scope_path,
    categoryCode: row.category_code,
    location: row.lng === null || row.lat === null ? null : { lng: row.lng, lat: row.lat },
    inputs: row.inputs,
    state: row.state as WarningView['state'],
    handledBy: row.handler_name,
    handledAt: row.handled_at ? new Date(row.handled_at).toISOString() : null,
    reason: row.reason,
    case: row.case_id && row.case_no ? { id: row.case_id, no: row.case_no } : null,
    raisedAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    abilities: abilitiesOf(ctx, row),
  }
}

/** The subtrees whose warnings the actor reads (null: all): those of their case.read grants. */
function readable(ctx: RequestContext): string[] | null {
  if (!holdsAnywhere(ctx.actor, 'case.read')) throw forbidden('auth.forbidden', 'You may not read warnings')
  if (may(ctx.actor, 'case.read')) return null
  return scopesFor(ctx.actor, 'case.read').flatMap((s) => (s.type === 'grid' ? [s.path] : []))
}

/**
 * The warnings 预警 of the reader's subtrees, and what those responsible do with one: acknowledge it
 * 知悉, dismiss it 排除 with a reason, or convert it 转为事件 into a case at its place, from the events
 * behind it. Every outcome keeps who and why.
 */
export function createWarningsService(db: Db, cases: CasesService, clock: () => Date) {
  async function readOne(ctx: RequestContext, id: string) {
    const within = readable(ctx)
    const row = await warningsRepo.get(db, id)
    const seen =
      row && (within === null || within.some((w) => pathCovers(w, row.scope_path))) && mayFollow(ctx, row)
    if (!row || !seen) throw notFound('warning.not_found', 'No such warning')
    return row
  }

  /** A named grid's path; an unknown code is a 404, never "no warnings". */
  async function gridPathOf(code: string | undefined): Promise<string | undefined> {
    if (code === undefined) return undefined
    const path = await warningsRepo.gridPath(db, code)
    if (path === undefined) throw notFound('warning.grid_not_found', 'No current grid has this code')
    return path
  }

  return {
    async list(ctx: RequestContext, q: WarningListQuery) {
      const within = readable(ctx)
      const rows = await warningsRepo.list(db, {
        within,
        states: q.state,
        limit: q.limit,
        before: q.before,
        rules: q.rule,
        under: await gridPathOf(q.grid),
      })
      return { items: rows.filter((r) => mayFollow(ctx, r)).map((r) => toView(ctx, r)) }
    },

    /**
     * The open warnings of the reader's subtrees counted by rule and level: the ticker shows the
     * many per-event ones (deadlines) as one line of counts, so they never push the rare ones out.
     */
    async summary(ctx: RequestContext, q: { grid?: string } = {}) {
      const counts = new Map<string, number>()
      const within = readable(ctx)
      for (const row of await warningsRepo.openCounts(db, within, await gridPathOf(q.grid))) {
        if (!mayFollow(ctx, { rule: row.rule, scope_path: row.scope_path } as WarningRow)) continue
        const key = `${row.rule}|${row.level}`
        counts.set(key, (counts.get(key) ?? 0) + row.n)
      }
      return {
        items: [...counts].map(([key, count]) => {
          const [rule = '', level = 'yellow'] = key.split('|')
          return { rule, level: level as 'red' | 'yellow', count }
        }),
      }
    },

    async get(ctx: RequestContext, id: string) {
      return toView(ctx, await readOne(ctx, id))
    },

    async act(ctx: RequestContext, id: string, action: Action, body: WarningActionBody) {
      const row = await readOne(ctx, id)
      if (row.state !== 'open') throw conflict('warning.settled', 'The warning was settled already')
      if (!abilitiesOf(ctx, row).includes(action))
        throw forbidden('warning.forbidden', `You may not ${action} this warning`)
      if (action === 'dismiss' && !body.reason)
        throw badRequest('warning.reason_required', 'Say why the warning is dismissed')
      let caseId: string | undefined
      const held = action === 'convert' || action === 'supervise'
      if (held) {
        // Held first: a second click, by anyone, finds it settled instead of making a second case.
        if (!(await warningsRepo.hold(db, id)))
          throw conflict('warning.settled', 'The warning was settled already')
        try {
          caseId = action === 'convert' ? await convert(ctx, row) : await supervise(ctx, row, body)
        } catch (error) {
          await warningsRepo.release(db, id)
          throw error
        }
      }
      const settled = await warningsRepo.settle(db, id, {
        state: OUTCOME[action],
        by: ctx.actor?.id ?? '',
        at: clock(),
        reason: body.reason ?? null,
        caseId,
        from: held ? 'converting' : 'open',
      })
      if (!settled) throw conflict('warning.settled', 'The warning was settled already')
      return toView(ctx, (await warningsRepo.get(db, id)) ?? row)
    },
  }

  /**
   * Supervises 督办 the case a deadline warning is about, through the cases' own action (its
   * permission and states apply): the grade asked for, or the sweep's grade for the share of the
   * limit the warning measured; the note says it came from the warning.
   */
  async function supervise(ctx: RequestContext, row: WarningRow, body: WarningActionBody): Promise<string> {
    const caseId = Array.isArray(row.inputs.cases) ? String(row.inputs.cases[0]) : ''
    if (!caseId) throw badRequest('warning.not_convertible', 'This warning names no case to supervise')
    const share = typeof row.inputs.share === 'number' ? row.inputs.share : 1
    const { version } = await cases.view(ctx, caseId)
    await cases.act(ctx, caseId, 'supervise', {
      version,
      grade: body.grade ?? supervisionGradeFor(share),
      note: `【预警督办】${row.title_zh}${body.reason ? `：${body.reason}` : ''}`.slice(0, 2000),
    })
    return caseId
  }

  /** A case at the warning's place, of the commonest category behind it; the warning's id is its key. */
  async function convert(ctx: RequestContext, row: WarningRow): Promise<string> {
    const ids = Array.isArray(row.inputs.cases) ? (row.inputs.cases as string[]) : []
    const behind = await warningsRepo.behind(db, ids)
    if (!behind.category || row.lng === null || row.lat === null)
      throw badRequest('warning.not_convertible', 'This warning has no events or place to make a case from')
    const listed = behind.nos.length
      ? `涉及事件：${behind.nos.join('、')}${ids.length > behind.nos.length ? ' 等' : ''}`
      : ''
    const { view } = await cases.report(
      ctx,
      {
        categoryCode: behind.category,
        location: { lng: row.lng, lat: row.lat },
        description: `【预警转事件】${row.title_zh}。${listed}`.slice(0, 2000),
        urgency: row.level === 'red' ? 'urgent' : 'normal',
        source: 'worker',
      },
      `warning:${row.id}`,
    )
    return view.id
  }
}

export type WarningsService = ReturnType<typeof createWarningsService>
