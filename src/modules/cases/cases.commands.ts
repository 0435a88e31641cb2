import { filledContact } from '../../lib/contact'
import type { RequestContext } from '../../lib/context'
import { badRequest, forbidden, notFound, Problem } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { sha256Hex } from '../../lib/tokens'
import { recordAudit } from '../audit/audit.service'
import { holdsAnywhere } from '../auth/auth.policy'
import type { GridsService } from '../grids/grids.service'
import { isPatrolOf } from '../patrols/patrols.links'
import { loadReadable, roleOf } from './cases.actor'
import { createIntake, type Reporter } from './cases.intake'
import type { LookAlikes } from './cases.lookalikes'
import { abilities, caseFacts, mayAct, mayReadAsStaff } from './cases.policy'
import { toCaseSummary } from './cases.presenter'
import { isPublicCategory } from './cases.publication'
import type { CaseQueries } from './cases.queries'
import { type CaseRow, casesRepo } from './cases.repo'
import type { CaseActionBody, CaseCreateBody, CaseIntake, CaseView } from './cases.schema'
import type { CasesSettings } from './cases.settings'
import { ACTIONS, CASE_STATES, type CaseAction, type CaseState } from './cases.states'
import { checkTransition, createTransitions, type PhotosSince } from './cases.transition'

/** What changes cases: a report from any channel, an action of the loop, a "me too". */
export function createCaseCommands(
  deps: ServiceDeps,
  grids: GridsService,
  settings: CasesSettings,
  parts: { queries: CaseQueries; lookAlikes: LookAlikes; photosSince: PhotosSince },
) {
  const { db } = deps
  const { queries, lookAlikes } = parts
  const intake = createIntake(deps, grids, settings)
  const apply = createTransitions(deps, settings, parts.photosSince)

  /**
   * Whether someone may see a look-alike case and follow it: staff who may read it, or anyone when its
   * class is one residents report publicly (a dispute or a special-care matter is never shown).
   */
  function mayFollow(ctx: RequestContext, row: CaseRow): boolean {
    const catalogue = Number(row.category_code.slice(0, 2)) >= 21 ? 'social' : 'city'
    return (
      mayReadAsStaff(ctx.actor, caseFacts(row)) || isPublicCategory({ code: row.category_code, catalogue })
    )
  }

  /**
   * Who a report is from: the one who sends it, unless they record it for a caller 代录 (a hotline
   * call, or a contact given for someone else). Then the caller is the reporter, reached at their
   * contact, and the sender only the actor: they are not told of the case as its reporter, nor may
   * they rate it.
   */
  function reporterOf(ctx: RequestContext, body: CaseCreateBody): Reporter {
    const actor = ctx.actor
    const userId = actor?.type === 'user' ? actor.id : null
    const role = roleOf(actor, 'case.report')
    const caller = filledContact(body.caller)
    if (body.source !== 'hotline' && !caller) return { userId, role }
    return {
      userId: null,
      role,
      recordedBy: userId,
      contact: caller && settings.cipher.encrypt(JSON.stringify(caller)),
    }
  }

  return {
    intake,

    /**
     * Takes a report from any channel: locates it to its grid chain, decides its handling level, starts
     * the accept clock, and writes the case, its first timeline row, the audit row and the outbox
     * message together. The same Idempotency-Key from the same caller answers the same case.
     */
    async report(
      ctx: RequestContext,
      body: CaseCreateBody,
      idempotencyKey?: string,
    ): Promise<{ view: CaseIntake; replayed: boolean }> {
      const actor = ctx.actor
      if (!actor || !holdsAnywhere(actor, 'case.report'))
        throw forbidden('auth.forbidden', 'You may not report events')
      const key = idempotencyKey
        ? {
            caller: `${actor.type}:${actor.id}`,
            key: idempotencyKey,
            requestHash: sha256Hex(JSON.stringify(body)),
          }
        : undefined
      const reporter = reporterOf(ctx, body)
      if (body.patrolId !== undefined && !(await isPatrolOf(db, body.patrolId, reporter.userId)))
        throw badRequest('case.patrol_invalid', 'The patrol named is not one of the reporter’s own patrols')
      const done = await intake(ctx, body, reporter, { key })
      if (done)
        return {
          view: {
            ...toCaseSummary(done.row, settings.calendar, settings.clock()),
            grids: done.chain,
            abilities: abilities(ctx.actor, caseFacts(done.row)),
            duplicates: await lookAlikes.shownTo(ctx, done.duplicates),
          },
          replayed: false,
        }
      // The key was used: a retry (or a retry racing the first try) answers the case it made.
      const seen = key && (await casesRepo.intakeKey(db, key.caller, key.key))
      if (!seen) throw new Error('intake wrote nothing without a used key')
      if (seen.request_hash !== key.requestHash)
        throw new Problem(
          422,
          'case.idempotency_mismatch',
          'This Idempotency-Key was used for another report',
        )
      return { view: await queries.filed(ctx, seen.case_id), replayed: true }
    },

    /** One action of the loop, on the version the actor saw (see cases.states.ts and cases.actions.ts). */
    async act(ctx: RequestContext, id: string, action: CaseAction, body: CaseActionBody): Promise<CaseView> {
      const row = await loadReadable(db, ctx, id)
      checkTransition(row, action, body)
      if (!mayAct(ctx.actor, action, caseFacts(row)))
        throw forbidden('case.forbidden', `You may not ${action} this case`)
      await apply(ctx, row, action, body, roleOf(ctx.actor, ACTIONS[action].permission))
      return queries.view(ctx, id)
    },

    /**
     * An action by a reporter who holds the case's private tracking token (checked by the caller):
     * rating the result, or adding a remark.
     */
    async actAsReporter(ctx: RequestContext, id: string, action: 'rate' | 'comment', body: CaseActionBody) {
      const row = await casesRepo.find(db, id)
      if (!row) throw notFound('case.not_found', `No case ${id}`)
      checkTransition(row, action, body)
      await apply(ctx, row, action, body, 'resident')
      return (await casesRepo.find(db, id)) as CaseRow
    },

    /** "Me too" 附议: the caller follows an open case instead of reporting it again, and is told when it closes. */
    async follow(ctx: RequestContext, id: string): Promise<{ following: boolean; followers: number }> {
      const actor = ctx.actor
      if (actor?.type !== 'user' || !holdsAnywhere(actor, 'case.report'))
        throw forbidden('auth.forbidden', 'Sign in as someone who may report events to follow one')
      const row = await casesRepo.find(db, id)
      if (!row || !CASE_STATES[row.state as CaseState]?.open || !mayFollow(ctx, row))
        throw notFound('case.not_found', `No open case ${id}`)
      await inTransaction(deps, async (tx) => {
        if (await casesRepo.follow(tx, id, `user:${actor.id}`, actor.id))
          await recordAudit(tx, ctx, { action: 'case.follow', resourceType: 'case', resourceId: row.no })
      })
      return { following: true, followers: (await casesRepo.followerUsers(db, id)).length }
    },
  }
}

export type CaseCommands = ReturnType<typeof createCaseCommands>
