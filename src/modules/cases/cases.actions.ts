import type { Executor } from '../../db/database'
import { badRequest, conflict, Problem } from '../../lib/problem'
import type { Duration, WorkCalendar } from './calendar/calendar'
import { clockOf, stageOf } from './cases.clock'
import { loopRepo, type PendingExtension } from './cases.loop.repo'
import type { CasePatch, CaseRow } from './cases.repo'
import type { CaseActionBody } from './cases.schema'
import { type CaseAction, type CaseState, isOpen, nextState, type Outcome } from './cases.states'
import type { FilingStandard, Urgency } from './categories/categories.types'

/** The handling levels from the ground up: escalation 提级 moves one step. */
export const HANDLING_LEVELS = ['grid', 'community', 'street', 'district'] as const

export interface ActionInput {
  row: CaseRow
  body: CaseActionBody
  now: Date
  calendar: WorkCalendar
  standard: FilingStandard
  /** The case's grid chain root first (to escalate to the next level's grid). */
  chain: { path: string; level: string }[]
  /** Resolves the dispatch target: a department or the grid's own staff. */
  dispatchTarget: () => Promise<{ departmentId: string | null; grid: string | null }>
  /** Whether a case this one may merge into exists and is open. */
  mergeTarget: (id: string) => Promise<boolean>
  /** Department ids by code (whistle); unknown codes are missing from the map. */
  departmentIds: (codes: string[]) => Promise<Map<string, string>>
  /** The departments the actor handles cases for (report-in). */
  actorDepartments: string[]
  actorId: string | null
  pendingExtension: () => Promise<PendingExtension | undefined>
  /** Images attached to the case since a time (the evidence the filing standard asks for). */
  photosSince: (since: Date, uploadedBy?: string | null) => Promise<number>
}

export interface ActionOutcome {
  patch: CasePatch
  /** What the timeline keeps of the action besides its texts. */
  data: Record<string, unknown>
  /** More writes in the action's transaction (participants, extension requests). */
  alsoIn?: (tx: Executor) => Promise<void>
}

const need = (ok: unknown, field: string, action: CaseAction): void => {
  if (!ok) throw badRequest('case.action_invalid', `The action ${action} needs ${field}`)
}

/** 立结案标准 evidence: a photo of the result, uploaded since the stage began, before handle or verify. */
async function needPhoto(
  i: ActionInput,
  required: boolean,
  since: Date,
  action: CaseAction,
  by?: string | null,
) {
  if (required && (await i.photosSince(new Date(since), by)) === 0)
    throw new Problem(422, 'case.evidence_required', `This category needs a photo attached before ${action}`)
}

const after = (d: Date | null, now: Date) => (d ? now.getTime() > new Date(d).getTime() : null)

function handleDue(i: ActionInput): Date {
  return i.calendar.addDuration(
    i.now,
    i.standard.limits.handle[i.row.urgency as Urgency] ?? i.standard.limits.handle.normal,
  )
}

/** Where the owner grid is at a handling level: the chain's grid of that level, else the one at that depth. */
export function ownerAt(chain: { path: string; level: string }[], level: string): string | null {
  const exact = chain.find((g) => g.level === level)
  if (exact) return exact.path
  // Otherwise the nearest grid above the leaf at that level or higher (a street for an exclusive
  // grid hanging under it), else the root; levels of other schemes count as the grid level.
  const rank = (l: string) => Math.max(0, HANDLING_LEVELS.indexOf(l as (typeof HANDLING_LEVELS)[number]))
  const wanted = rank(level)
  return [...chain].reverse().find((g) => rank(g.level) >= wanted)?.path ?? chain[0]?.path ?? null
}

/**
 * What each action changes besides the state. The state comes from cases.states.ts; an action that
 * leads more than one way names its outcome here.
 */
export async function outcomeOf(action: CaseAction, i: ActionInput): Promise<ActionOutcome> {
  const { row, body, now } = i
  const patch: Omit<CasePatch, 'state'> = {}
  const data: Record<string, unknown> = {}
  let alsoIn: ActionOutcome['alsoIn']
  let outcome: Outcome | undefined
  switch (action) {
    case 'accept':
      patch.accept_overdue = row.accept_overdue ?? after(row.accept_due, now)
      patch.accepted_at = row.accepted_at ?? now
      patch.handle_due = row.handle_due ?? handleDue(i)
      break
    case 'reject':
    case 'void':
      need(body.reason, 'a reason', action)
      patch.accept_overdue = row.accept_overdue ?? after(row.accept_due, now)
      break
    case 'merge':
      need(body.into, 'the case it duplicates (into)', action)
      if (body.into === row.id || !(await i.mergeTarget(body.into as string)))
        throw badRequest('case.merge_target', 'A case merges only into another open case')
      patch.merged_into = body.into
      data.into = body.into
      // The target is locked and checked again inside the transaction: two cases merged into each
      // other at the same moment would otherwise both disappear.
      alsoIn = async (tx) => {
        const state = await loopRepo.lockedState(tx, body.into as string)
        if (!state || !isOpen(state))
          throw conflict('case.merge_target', 'The case to merge into is no longer open')
      }
      break
    case 'dispatch': {
      const target = await i.dispatchTarget()
      patch.department_id = target.departmentId
      patch.unowned_reason = null
      Object.assign(data, target)
      break
    }
    case 'return':
      need(body.reason, 'a reason', action)
      data.department = row.department_code
      patch.department_id = null
      break
    case 'handle':
      await needPhoto(
        i,
        i.standard.evidence.handle,
        row.handled_at ?? row.accepted_at ?? row.reported_at,
        action,
      )
      patch.handle_overdue = row.handle_overdue ?? after(row.handle_due, now)
      patch.handled_at = now
      patch.verify_due = i.calendar.addDuration(now, i.standard.limits.verify)
      break
    case 'verify':
      need(body.pass !== undefined, 'pass (true or false)', action)
      // The verifier's own photo of what they found, since the handling.
      await needPhoto(i, i.standard.evidence.verify, row.handled_at ?? row.reported_at, action, i.actorId)
      patch.verify_overdue = row.verify_overdue ?? after(row.verify_due, now)
      outcome = body.pass ? 'passed' : 'failed'
      if (outcome === 'failed') {
        // 返工: back to whoever handled it, with a fresh handling limit.
        patch.handle_due = handleDue(i)
        data.rework = true
      }
      data.pass = body.pass
      break
    case 'close':
      patch.closed_at = now
      // Each closing is rated afresh (the earlier rating stays on the timeline).
      patch.rating = null
      break
    case 'reopen':
      need(body.reason, 'a reason', action)
      patch.closed_at = null
      patch.handle_due = handleDue(i)
      break
    case 'escalate': {
      need(body.reason, 'a reason', action)
      const up = HANDLING_LEVELS[HANDLING_LEVELS.indexOf(row.level as (typeof HANDLING_LEVELS)[number]) + 1]
      if (!up) throw conflict('case.cannot_escalate', `A case at the ${row.level} level has no level above`)
      patch.level = up
      patch.owner_path = ownerAt(i.chain, up)
      patch.department_id = null
      data.from = row.level
      data.to = up
      break
    }
    case 'suspend':
      need(body.reason, 'a reason', action)
      patch.suspended_from = row.state
      patch.suspended_at = now
      patch.deferred = body.deferred ?? false
      data.deferred = body.deferred ?? false
      break
    case 'resume': {
      const paused = row.suspended_at ? i.calendar.workingMsBetween(new Date(row.suspended_at), now) : 0
      const push = (d: Date | null) => (d ? i.calendar.addWorkingMs(new Date(d), paused) : null)
      patch.paused_ms = Number(row.paused_ms) + paused
      patch.stage_paused_ms = Number(row.stage_paused_ms) + paused
      // Back in the loop: no longer left out of the cases due.
      patch.deferred = false
      patch.accept_due = push(row.accept_due)
      patch.handle_due = push(row.handle_due)
      patch.verify_due = push(row.verify_due)
      patch.suspended_at = null
      patch.suspended_from = null
      data.pausedMs = paused
      break
    }
    case 'self_handle':
      need(body.publicText ?? body.note, 'what was done (publicText or note)', action)
      await needPhoto(i, i.standard.evidence.handle, row.reported_at, action)
      patch.accepted_at = now
      patch.handled_at = now
      patch.closed_at = now
      patch.accept_overdue = after(row.accept_due, now)
      data.selfHandled = true
      break
    case 'comment':
    case 'revisit':
      need(body.publicText ?? body.note, 'a text (publicText or note)', action)
      break
    case 'rate':
      need(body.rating, 'a rating from 1 to 5', action)
      if (row.rating !== null) throw conflict('case.already_rated', 'This closing has been rated already')
      patch.rating = body.rating
      data.rating = body.rating
      outcome = (body.rating as number) <= 2 ? 'dissatisfied' : 'satisfied'
      if (outcome === 'dissatisfied') {
        // A bad rating reopens the case and tells the handler (see the outbox message).
        patch.closed_at = null
        patch.handle_due = handleDue(i)
        data.reopened = true
      }
      break
    case 'start':
      break
    case 'whistle': {
      need(body.departments && body.lead, 'the departments summoned and the lead', action)
      const codes = body.departments as string[]
      if (!codes.includes(body.lead as string))
        throw badRequest('case.action_invalid', 'The lead must be one of the departments summoned')
      const ids = await i.departmentIds(codes)
      const unknown = codes.filter((c) => !ids.has(c))
      if (unknown.length > 0)
        throw badRequest('case.unknown_department', `No department ${unknown.join(', ')}`)
      const reportDue = i.calendar.addDuration(now, body.duration ?? { hours: 2 })
      const summoned = codes.map(
        (c) => ({ id: ids.get(c) as string, role: c === body.lead ? 'lead' : 'assist' }) as const,
      )
      patch.department_id = ids.get(body.lead as string) as string
      patch.unowned_reason = null
      Object.assign(data, { departments: codes, lead: body.lead, reportDue: reportDue.toISOString() })
      alsoIn = (tx) => loopRepo.summon(tx, row.id, summoned, now, reportDue)
      break
    }
    case 'report_in':
      alsoIn = async (tx) => {
        const reported = await loopRepo.reportIn(tx, row.id, i.actorDepartments, now)
        if (reported.length === 0)
          throw conflict('case.already_reported', 'Your department has reported in already')
      }
      break
    case 'extend': {
      need(body.duration && body.reason, 'a duration and a reason', action)
      if (await i.pendingExtension())
        throw conflict('case.extension_pending', 'An extension request is waiting for a decision')
      const request = {
        caseId: row.id,
        by: i.actorId,
        at: now,
        duration: body.duration as Duration,
        reason: body.reason as string,
      }
      Object.assign(data, { duration: request.duration })
      alsoIn = (tx) => loopRepo.requestExtension(tx, request)
      break
    }
    case 'supervise': {
      need(body.grade, 'a grade (normal, yellow or red)', action)
      const grade = body.grade as string
      patch.supervision = grade
      data.grade = grade
      alsoIn = (tx) =>
        loopRepo.issueSupervision(tx, {
          caseId: row.id,
          grade,
          stage: stageOf(row.state, row.suspended_from),
          at: now,
          by: i.actorId,
          note: body.note ?? null,
        })
      break
    }
    case 'decide_extension': {
      need(body.pass !== undefined, 'pass (true or false)', action)
      const pending = await i.pendingExtension()
      if (!pending) throw conflict('case.no_extension_pending', 'No extension request is waiting')
      if (body.pass)
        patch.handle_due = i.calendar.addDuration(new Date(row.handle_due ?? now), pending.duration)
      Object.assign(data, { approved: body.pass, duration: pending.duration })
      alsoIn = (tx) => loopRepo.decideExtension(tx, pending.id, i.actorId, now, body.pass as boolean)
      break
    }
    default:
      throw new Problem(500, 'server.internal', `No outcome for ${action satisfies never}`)
  }
  const state = nextState(action, row.state as CaseState, row.suspended_from as CaseState | null, outcome)
  if (!state) throw new Error(`A ${row.state} case does not allow ${action}`)
  const change: CasePatch = { state, ...patch }
  // Entering a stage from another (acceptance, handling, a rework 返工, a reopening) starts a new
  // round of its clock; the 督办 grade belongs to the round it was earned in.
  const clock = clockOf(state, patch.suspended_from === undefined ? row.suspended_from : patch.suspended_from)
  if (clock !== clockOf(row.state, row.suspended_from)) {
    change.supervision = null
    if (clock) {
      change.stage_started_at = now
      change.stage_paused_ms = 0
    }
  }
  return { patch: change, data, alsoIn }
}
