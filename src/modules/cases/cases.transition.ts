import type { Executor } from '../../db/database'
import type { RequestContext } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { conflict } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import { scopesFor } from '../auth/auth.policy'
import { gridChain } from '../grids/grids.reads'
import { outboxRepo } from '../outbox/outbox.repo'
import { outcomeOf } from './cases.actions'
import { dispatchTarget } from './cases.dispatch'
import { loopRepo } from './cases.loop.repo'
import { caseFacts, mayReadAsStaff } from './cases.policy'
import { type CaseRow, casesRepo } from './cases.repo'
import type { CaseActionBody } from './cases.schema'
import type { CasesSettings } from './cases.settings'
import { allows, type CaseAction, type CaseState, isOpen } from './cases.states'

/** Photos a case has gained since a time (by someone, when named): kept by the attachments of cases. */
export type PhotosSince = (
  ex: Executor,
  caseId: string,
  since: Date,
  uploadedBy?: string | null,
) => Promise<number>

/** The 409 that explains why the case's version or state does not allow the action, if either does not. */
export function checkTransition(row: CaseRow, action: CaseAction, body: CaseActionBody): void {
  if (body.version !== row.version)
    throw conflict(
      'case.version_conflict',
      `The case is at version ${row.version}, not ${body.version}: reload it`,
      {
        version: row.version,
      },
    )
  if (!allows(action, row.state as CaseState, row.suspended_from as CaseState | null))
    throw conflict('case.invalid_transition', `A ${row.state} case cannot be ${action}ed`, {
      state: row.state,
    })
}

/** Writes an allowed action: the case on its version, the timeline row, the audit row, the outbox row. */
export function createTransitions(deps: ServiceDeps, settings: CasesSettings, photosSince: PhotosSince) {
  const { db } = deps
  const { calendar, clock } = settings

  return async function apply(
    ctx: RequestContext,
    row: CaseRow,
    action: CaseAction,
    body: CaseActionBody,
    role: string,
  ): Promise<void> {
    const standard = row.standard
    if (!standard) throw new Error(`category ${row.category_code} has no filing standard`)
    const now = clock()
    const chain = await gridChain(db, row.grid_path)
    const { patch, data, alsoIn } = await outcomeOf(action, {
      row,
      body,
      now,
      calendar,
      standard,
      chain,
      dispatchTarget: () => dispatchTarget(deps, row, body, standard),
      mergeTarget: async (into) => {
        const target = await casesRepo.find(db, into)
        return !!target && isOpen(target.state) && mayReadAsStaff(ctx.actor, caseFacts(target))
      },
      departmentIds: async (codes) => {
        const found = await Promise.all(codes.map((c) => casesRepo.departmentByCode(db, c)))
        return new Map(found.flatMap((d) => (d ? [[d.code, d.id] as const] : [])))
      },
      actorDepartments: scopesFor(ctx.actor, 'case.handle').flatMap((s) =>
        s.type === 'department' ? [s.id] : [],
      ),
      actorId: ctx.actor?.type === 'user' ? ctx.actor.id : null,
      pendingExtension: () => loopRepo.pendingExtension(db, row.id),
      photosSince: (since, by) => photosSince(db, row.id, since, by),
    })
    await inTransaction(deps, async (tx) => {
      if (!(await casesRepo.change(tx, row.id, row.version, patch)))
        throw conflict('case.version_conflict', 'Someone acted on the case first: reload it')
      await alsoIn?.(tx)
      await casesRepo.insertTransition(tx, {
        id: uuidv7(),
        case_id: row.id,
        action,
        from_state: row.state,
        to_state: patch.state,
        actor_id: ctx.actor?.type === 'user' ? ctx.actor.id : null,
        actor_role: role,
        at: now,
        public_text: body.publicText ?? null,
        private_note: body.note ?? null,
        data: { ...data, ...(body.reason ? { reason: body.reason } : {}) },
      })
      await recordAudit(tx, ctx, {
        action: `case.${action}`,
        resourceType: 'case',
        resourceId: row.no,
        summary: { from: row.state, to: patch.state },
      })
      await outboxRepo.enqueue(tx, 'case.transition', {
        caseId: row.id,
        no: row.no,
        action,
        from: row.state,
        to: patch.state,
      })
    })
  }
}

export type ApplyTransition = ReturnType<typeof createTransitions>
