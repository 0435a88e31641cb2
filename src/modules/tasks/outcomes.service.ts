import type { RequestContext } from '../../lib/context'
import { addDays, chinaDay } from '../../lib/dates'
import { badRequest, conflict, forbidden, notFound, Problem } from '../../lib/problem'
import { requestHash } from '../../lib/request-hash'
import { sqlStateOf } from '../../lib/safe-error'
import { inTransaction } from '../../lib/service'
import { mayWorkTask } from './campaigns.policy'
import { toTaskView } from './campaigns.presenter'
import type { FormField, OutcomeCreate } from './campaigns.schema'
import type { TasksDeps } from './campaigns.service'
import { type OutcomeRow, type TaskRow, tasksRepo } from './tasks.repo'

/** How far in the future a phone's clock may put an outcome before it is refused. */
const CLOCK_SKEW_MS = 10 * 60_000

const taskNotFound = () => notFound('campaign.task_not_found', 'No such task')

/** The answers checked against the campaign's form: known keys, the right types, required ones when done. */
export function checkAnswers(form: readonly FormField[], outcome: string, answers: Record<string, unknown>) {
  const errors: { field: string; message: string }[] = []
  const byKey = new Map(form.map((f) => [f.key, f]))
  for (const key of Object.keys(answers))
    if (!byKey.has(key))
      errors.push({ field: `body.answers.${key}`, message: 'not a question of this campaign' })
  for (const field of form) {
    const value = answers[field.key]
    const path = `body.answers.${field.key}`
    if (value === undefined || value === '') {
      if (field.required && outcome === 'done') errors.push({ field: path, message: 'required' })
      continue
    }
    const ok =
      field.type === 'number'
        ? typeof value === 'number' && Number.isFinite(value)
        : field.type === 'yesno'
          ? typeof value === 'boolean'
          : field.type === 'choice'
            ? typeof value === 'string' && (field.options ?? []).includes(value)
            : field.type === 'photo'
              ? typeof value === 'string' && /^[0-9a-f]{64}$/.test(value)
              : typeof value === 'string'
    if (!ok)
      errors.push({
        field: path,
        message:
          field.type === 'choice'
            ? `one of: ${(field.options ?? []).join(', ')}`
            : field.type === 'photo'
              ? 'a photo’s SHA-256'
              : `a ${field.type}`,
      })
  }
  return errors
}

function toOutcomeView(row: OutcomeRow, task: TaskRow) {
  return {
    id: row.id,
    taskId: row.task_id,
    outcome: row.outcome as OutcomeCreate['outcome'],
    answers: row.answers,
    note: row.note,
    recordedAt: new Date(row.recorded_at).toISOString(),
    recordedBy: { id: row.recorded_by, name: row.recorder_name },
    task: toTaskView(task),
  }
}

/**
 * Door outcomes 入户结果: what a worker found at a door, recorded on the phone (often offline) and sent
 * later. The outcome's id comes from the phone: a replay of the same outcome answers the stored one, the
 * same id with other content is refused; an outcome that arrives after a later one is kept but does not
 * turn the task back.
 */
export function createOutcomesService(deps: TasksDeps) {
  const { db, clock } = deps

  return {
    async record(ctx: RequestContext, taskId: string, body: OutcomeCreate) {
      if (ctx.actor?.type !== 'user')
        throw forbidden('campaign.user_required', 'Door outcomes are recorded by a person')
      const hash = requestHash(taskId, body)
      const replay = async () => {
        const existing = await tasksRepo.outcome(db, body.id)
        if (!existing) return null
        if (existing.request_hash !== hash)
          throw new Problem(422, 'idempotency.key_reused', 'This id was already used for another outcome')
        const task = await tasksRepo.find(db, existing.task_id)
        return task ? { view: toOutcomeView(existing, task), replayed: true } : null
      }
      const earlier = await replay()
      if (earlier) return earlier
      const recordedAt = new Date(body.recordedAt)
      if (recordedAt.getTime() > clock().getTime() + CLOCK_SKEW_MS)
        throw badRequest(
          'campaign.recorded_in_future',
          'The outcome is dated in the future (check the phone’s clock)',
        )
      try {
        await inTransaction(deps, async (tx) => {
          const task = await tasksRepo.find(tx, taskId, true)
          if (!task) throw taskNotFound()
          if (!mayWorkTask(ctx.actor, task)) {
            if (task.assignee_id !== null)
              throw forbidden('campaign.not_assignee', 'This door is assigned to someone else')
            throw taskNotFound()
          }
          if (chinaDay(recordedAt) > task.ends_on)
            throw conflict('campaign.ended', 'The campaign had ended when this was recorded')
          if (task.closed_at && recordedAt > new Date(task.closed_at))
            throw conflict('campaign.closed', 'The campaign was closed before this was recorded')
          const errors = checkAnswers(task.form as FormField[], body.outcome, body.answers)
          if (errors.length)
            throw badRequest('request.invalid', 'The answers do not fit the campaign’s form', { errors })
          const revisitOn =
            body.outcome === 'revisit' ? (body.revisitOn ?? addDays(chinaDay(recordedAt), 1)) : null
          await tasksRepo.insertOutcome(tx, {
            id: body.id,
            taskId,
            outcome: body.outcome,
            answers: body.answers,
            note: body.note ?? null,
            lng: body.point?.lng ?? null,
            lat: body.point?.lat ?? null,
            revisitOn,
            recordedBy: ctx.actor?.id ?? '',
            recordedAt: recordedAt.toISOString(),
            requestHash: hash,
          })
          await tasksRepo.applyOutcome(tx, taskId, {
            state: body.outcome,
            revisitOn,
            recordedAt: recordedAt.toISOString(),
          })
        })
      } catch (error) {
        // Two sends of one outcome at once: the second waited on the first's row; answer it as a replay.
        if (sqlStateOf(error) === '23505') {
          const again = await replay()
          if (again) return again
        }
        throw error
      }
      const [row, task] = await Promise.all([tasksRepo.outcome(db, body.id), tasksRepo.find(db, taskId)])
      if (!row || !task) throw taskNotFound()
      return { view: toOutcomeView(row, task), replayed: false }
    },
  }
}

export type OutcomesService = ReturnType<typeof createOutcomesService>
