import type { z } from 'zod'
import type { Actor } from '../../lib/context'
import { maskName } from '../../lib/crypto'
import { mayManageCampaignIn } from './campaigns.policy'
import type { CampaignRow, StateCounts } from './campaigns.repo'
import { type CampaignSchema, type FormField, TASK_STATES, type TaskSchema } from './campaigns.schema'
import type { TaskRow } from './tasks.repo'

type CampaignView = z.infer<typeof CampaignSchema>
type TaskView = z.infer<typeof TaskSchema>
type TaskState = (typeof TASK_STATES)[number]

const FINAL: readonly string[] = ['done', 'refused', 'moved', 'wrong_address']

const iso = (v: Date | string) => new Date(v).toISOString()

export function fullCounts(counts: StateCounts | undefined): Record<TaskState, number> {
  return Object.fromEntries(TASK_STATES.map((s) => [s, counts?.[s] ?? 0])) as Record<TaskState, number>
}

/** Share of doors with a final outcome (a revisit is not final: the door is still to be done). */
export function progressOf(counts: Record<string, number>): number {
  const total = Object.values(counts).reduce((a, b) => a + b, 0)
  if (total === 0) return 0
  const final = FINAL.reduce((a, s) => a + (counts[s] ?? 0), 0)
  return Math.round((final / total) * 1000) / 1000
}

export function toCampaignView(
  row: CampaignRow,
  counts: StateCounts | undefined,
  actor: Actor | null,
  hasTasks: boolean,
): CampaignView {
  const all = fullCounts(counts)
  const abilities: ('manage' | 'work')[] = []
  if (mayManageCampaignIn(actor, row.scope_path)) abilities.push('manage')
  if (hasTasks) abilities.push('work')
  return {
    id: row.id,
    title: row.title,
    kind: row.kind as CampaignView['kind'],
    scope: { code: row.scope_code, name: row.scope_name, path: row.scope_path },
    target: row.target as CampaignView['target'],
    form: row.form as FormField[],
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    state: row.state as CampaignView['state'],
    taskCount: Number(row.task_count),
    counts: all,
    progress: progressOf(all),
    createdAt: iso(row.created_at),
    version: Number(row.version),
    abilities,
  }
}

export function toTaskView(row: TaskRow): TaskView {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    campaignTitle: row.campaign_title,
    targetId: row.target_id,
    grid: { code: row.grid_code, name: row.grid_name },
    // A person's name is masked here, never stored with the task.
    label: row.person_name !== null ? maskName(row.person_name) : (row.label ?? row.grid_name),
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    state: row.state as TaskState,
    revisitOn: row.revisit_on,
    attempts: Number(row.attempts),
    lastOutcomeAt: row.last_outcome_at ? iso(row.last_outcome_at) : null,
    version: Number(row.version),
  }
}
