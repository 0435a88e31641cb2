import { sql } from 'drizzle-orm'
import { pgTextArray } from '../../db/arrays'
import { type Executor, queryRows } from '../../db/database'
import { andPathWithin } from '../../db/scope-sql'

/** Every SQL statement of a campaign's tasks 任务 and their door outcomes 入户结果. */

export interface TaskRow {
  id: string
  campaign_id: string
  campaign_title: string
  campaign_state: string
  ends_on: string
  closed_at: Date | string | null
  form: unknown
  target: string
  target_id: string
  grid_code: string
  grid_name: string
  grid_path: string
  label: string | null
  person_name: string | null
  assignee_id: string | null
  assignee_name: string | null
  state: string
  revisit_on: string | null
  attempts: number
  last_outcome_at: Date | string | null
  version: number
}

export interface OutcomeRow {
  id: string
  task_id: string
  outcome: string
  answers: Record<string, string | number | boolean>
  note: string | null
  recorded_at: Date | string
  recorded_by: string
  recorder_name: string
  request_hash: string
}

const taskColumns = sql`t.id, t.campaign_id, c.title as campaign_title, c.state as campaign_state, c.ends_on::text as ends_on, c.closed_at, c.form, c.target,
  t.target_id, g.code as grid_code, g.name as grid_name, t.grid_path::text as grid_path, t.label,
  case when c.target = 'person' then (select p.name from people p where p.id = t.target_id) end as person_name,
  t.assignee_id, u.display_name as assignee_name, t.state, t.revisit_on::text as revisit_on, t.attempts,
  t.last_outcome_at, t.version`

const taskFrom = sql`campaign_tasks t join campaigns c on c.id = t.campaign_id join grids g on g.id = t.grid_id
  left join users u on u.id = t.assignee_id`

export const tasksRepo = {
  async find(ex: Executor, id: string, forUpdate = false): Promise<TaskRow | undefined> {
    const [row] = await queryRows<TaskRow>(
      ex,
      sql`select ${taskColumns} from ${taskFrom} where t.id = ${id} ${forUpdate ? sql`for update of t` : sql``}`,
    )
    return row
  },

  /** A campaign's tasks, by id (keyset), filtered. */
  async list(
    ex: Executor,
    campaignId: string,
    opts: {
      within: string[] | null
      state?: string
      gridPath?: string
      assignee?: string
      cursor?: string
      limit: number
    },
  ): Promise<TaskRow[]> {
    return queryRows(
      ex,
      sql`select ${taskColumns} from ${taskFrom} where t.campaign_id = ${campaignId}
        ${andPathWithin(sql`t.grid_path`, opts.within)}
        ${opts.state ? sql`and t.state = ${opts.state}` : sql``}
        ${opts.gridPath ? sql`and t.grid_path <@ ${opts.gridPath}::ltree` : sql``}
        ${opts.assignee ? sql`and t.assignee_id = ${opts.assignee}` : sql``}
        ${opts.cursor ? sql`and t.id > ${opts.cursor}` : sql``}
        order by t.id limit ${opts.limit}`,
    )
  },

  /** A worker's tasks in active campaigns that are running today: open doors, and revisits whose day has come. */
  async mine(
    ex: Executor,
    userId: string,
    today: string,
    dueOnly: boolean,
    limit: number,
  ): Promise<TaskRow[]> {
    const due = dueOnly
      ? sql`and (t.state = 'open' or (t.state = 'revisit' and t.revisit_on <= ${today}::date))`
      : sql``
    return queryRows(
      ex,
      sql`select ${taskColumns} from ${taskFrom} where t.assignee_id = ${userId} and c.state = 'active'
        and c.starts_on <= ${today}::date and c.ends_on >= ${today}::date ${due}
        order by c.ends_on, t.grid_path, t.label nulls last, t.id limit ${limit}`,
    )
  },

  async outcome(ex: Executor, id: string): Promise<OutcomeRow | undefined> {
    const [row] = await queryRows<OutcomeRow>(
      ex,
      sql`select o.id, o.task_id, o.outcome, o.answers, o.note, o.recorded_at, o.recorded_by,
          u.display_name as recorder_name, o.request_hash
        from task_outcomes o join users u on u.id = o.recorded_by where o.id = ${id}`,
    )
    return row
  },

  async insertOutcome(
    ex: Executor,
    row: {
      id: string
      taskId: string
      outcome: string
      answers: Record<string, unknown>
      note: string | null
      lng: number | null
      lat: number | null
      revisitOn: string | null
      recordedBy: string
      recordedAt: string
      requestHash: string
    },
  ): Promise<void> {
    await ex.execute(sql`insert into task_outcomes (id, task_id, outcome, answers, note, lon, lat, revisit_on,
        recorded_by, recorded_at, request_hash)
      values (${row.id}, ${row.taskId}, ${row.outcome}, ${JSON.stringify(row.answers)}::jsonb, ${row.note},
        ${row.lng}, ${row.lat}, ${row.revisitOn}::date, ${row.recordedBy}, ${row.recordedAt}::timestamptz,
        ${row.requestHash})`)
  },

  /**
   * The task takes the outcome unless a later one is already there (outcomes recorded offline may
   * arrive out of order); every outcome counts as an attempt.
   */
  async applyOutcome(
    ex: Executor,
    taskId: string,
    outcome: { state: string; revisitOn: string | null; recordedAt: string },
  ): Promise<void> {
    await ex.execute(sql`update campaign_tasks set attempts = attempts + 1, version = version + 1,
        state = case when last_outcome_at is null or last_outcome_at <= ${outcome.recordedAt}::timestamptz
          then ${outcome.state} else state end,
        revisit_on = case when last_outcome_at is null or last_outcome_at <= ${outcome.recordedAt}::timestamptz
          then ${outcome.revisitOn}::date else revisit_on end,
        last_outcome_at = greatest(last_outcome_at, ${outcome.recordedAt}::timestamptz)
      where id = ${taskId}`)
  },

  /** The unfinished tasks to move (named ones, or a worker's in a subtree) within the mover's subtrees. */
  async movable(
    ex: Executor,
    campaignId: string,
    opts: { taskIds?: readonly string[]; fromUserId?: string; gridPath?: string; within: string[] | null },
  ): Promise<{ id: string; grid_path: string; state: string }[]> {
    return queryRows(
      ex,
      sql`select t.id, t.grid_path::text as grid_path, t.state from campaign_tasks t where t.campaign_id = ${campaignId}
        ${opts.taskIds ? sql`and t.id = any(${pgTextArray(opts.taskIds)}::uuid[])` : sql``}
        ${opts.fromUserId ? sql`and t.assignee_id = ${opts.fromUserId} and t.state in ('open', 'revisit')` : sql``}
        ${opts.gridPath ? sql`and t.grid_path <@ ${opts.gridPath}::ltree` : sql``}
        ${andPathWithin(sql`t.grid_path`, opts.within)}
        for update`,
    )
  },

  async reassign(ex: Executor, taskIds: readonly string[], toUserId: string): Promise<void> {
    if (!taskIds.length) return
    await ex.execute(sql`update campaign_tasks set assignee_id = ${toUserId}, version = version + 1
      where id = any(${pgTextArray(taskIds)}::uuid[])`)
  },

  /** Every task of a campaign with its last outcome's answers, for the Excel sheet. */
  async forExport(ex: Executor, campaignId: string, within: string[] | null) {
    return queryRows<TaskRow & { answers: Record<string, unknown> | null; note: string | null }>(
      ex,
      sql`select ${taskColumns}, o.answers, o.note from ${taskFrom}
        left join lateral (select answers, note from task_outcomes where task_id = t.id
          order by recorded_at desc limit 1) o on true
        where t.campaign_id = ${campaignId} ${andPathWithin(sql`t.grid_path`, within)}
        order by g.code, t.label nulls last, t.id limit 200000`,
    )
  },
}
