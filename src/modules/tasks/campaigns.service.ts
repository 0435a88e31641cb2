import type { RequestContext } from '../../lib/context'
import { chinaDay } from '../../lib/dates'
import { uuidv7 } from '../../lib/ids'
import { badRequest, conflict, forbidden, notFound } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import { pathsNotHeld } from '../auth/holders'
import type { GridsService } from '../grids/grids.service'
import { POSTS, type Post } from '../staff/staff.posts'
import { campaignSubtrees, mayManageCampaignIn, visiblePart } from './campaigns.policy'
import { fullCounts, progressOf, toCampaignView, toTaskView } from './campaigns.presenter'
import { campaignsRepo } from './campaigns.repo'
import type { CampaignCreate, Reassign } from './campaigns.schema'
import { tasksRepo } from './tasks.repo'

export interface TasksDeps extends ServiceDeps {
  grids: GridsService
  clock: () => Date
}

/** A campaign over more doors than this is refused: split it by street. */
export const MAX_TASKS = 200_000

const WORKER_POSTS = (Object.keys(POSTS) as Post[]).filter((p) => POSTS[p].worker)

const campaignNotFound = () => notFound('campaign.not_found', 'No such campaign')

/**
 * Campaigns 专项行动: start one over a subtree (its doors are made and assigned in the same
 * transaction), follow its progress by grid and worker, move doors between workers, close it.
 */
export function createCampaignsService(deps: TasksDeps) {
  const { db, clock } = deps
  const today = () => chinaDay(clock())

  /** The campaign if the reader manages part of it or was given doors in it (404 otherwise). */
  async function visible(ctx: RequestContext, id: string) {
    const row = await campaignsRepo.find(db, id)
    if (!row) throw campaignNotFound()
    const part = visiblePart(ctx.actor, row.scope_path)
    const userId = ctx.actor?.type === 'user' ? ctx.actor.id : null
    const mine = userId ? await tasksRepo.list(db, id, { within: null, assignee: userId, limit: 1 }) : []
    if (part !== null && part.length === 0 && mine.length === 0) throw campaignNotFound()
    return {
      row,
      part: part !== null && part.length === 0 ? null : part,
      hasTasks: mine.length > 0,
      mineOnly: part !== null && part.length === 0,
    }
  }

  async function view(ctx: RequestContext, id: string) {
    const { row, part, hasTasks, mineOnly } = await visible(ctx, id)
    const counts = mineOnly ? undefined : (await campaignsRepo.counts(db, [id], part)).get(id)
    return toCampaignView(row, counts, ctx.actor, hasTasks)
  }

  return {
    async create(ctx: RequestContext, body: CampaignCreate) {
      const grid = await deps.grids.current(ctx, body.gridCode)
      if (!mayManageCampaignIn(ctx.actor, grid.path))
        throw forbidden('grid.out_of_scope', `You may not run campaigns in ${grid.code}`)
      const id = uuidv7()
      await inTransaction(deps, async (tx) => {
        const n = await campaignsRepo.countTargets(tx, body.target, grid.path)
        if (n > MAX_TASKS)
          throw badRequest(
            'campaign.too_large',
            `The subtree holds ${n} targets; a campaign may have ${MAX_TASKS}`,
            {
              targets: n,
              max: MAX_TASKS,
            },
          )
        await campaignsRepo.insert(tx, {
          id,
          title: body.title,
          kind: body.kind,
          scopePath: grid.path,
          target: body.target,
          form: body.form,
          startsOn: body.startsOn,
          endsOn: body.endsOn,
          createdBy: ctx.actor?.id ?? '',
        })
        const made = await campaignsRepo.generateTasks(tx, id, body.target, grid.path, WORKER_POSTS, today())
        await recordAudit(tx, ctx, {
          action: 'campaign.create',
          resourceType: 'campaign',
          resourceId: id,
          summary: { title: body.title, kind: body.kind, grid: grid.code, target: body.target, tasks: made },
        })
      })
      return view(ctx, id)
    },

    async list(ctx: RequestContext, state?: 'active' | 'closed') {
      const within = campaignSubtrees(ctx.actor)
      const userId = ctx.actor?.type === 'user' ? ctx.actor.id : ''
      const rows = await campaignsRepo.list(db, { within, userId, state })
      const counts = await campaignsRepo.counts(
        db,
        rows.map((r) => r.id),
        within,
      )
      return {
        items: rows.map((r) => {
          const manages = visiblePart(ctx.actor, r.scope_path)
          return toCampaignView(
            r,
            manages !== null && manages.length === 0 ? undefined : counts.get(r.id),
            ctx.actor,
            false,
          )
        }),
      }
    },

    one: view,

    async progress(ctx: RequestContext, id: string, by: 'grid' | 'worker') {
      const { part, mineOnly } = await visible(ctx, id)
      if (mineOnly)
        throw forbidden('campaign.not_manager', 'Only those running the campaign see its progress')
      const rows = await campaignsRepo.progress(db, id, by, part)
      const groups = new Map<string | null, { name: string | null; counts: Record<string, number> }>()
      for (const r of rows) {
        const g = groups.get(r.key) ?? { name: r.name, counts: {} }
        g.counts[r.state] = Number(r.n)
        groups.set(r.key, g)
      }
      return {
        by,
        rows: [...groups].map(([key, g]) => {
          const counts = fullCounts(g.counts)
          const total = Object.values(counts).reduce((a, b) => a + b, 0)
          return { key, name: g.name, total, counts, progress: progressOf(counts) }
        }),
      }
    },

    async tasks(
      ctx: RequestContext,
      id: string,
      query: { state?: string; grid?: string; assignee?: string; cursor?: string; limit: number },
    ) {
      const { part, mineOnly } = await visible(ctx, id)
      const gridPath = query.grid ? (await deps.grids.current(ctx, query.grid)).path : undefined
      const assignee = mineOnly ? ctx.actor?.id : query.assignee
      const rows = await tasksRepo.list(db, id, {
        ...query,
        within: mineOnly ? null : part,
        gridPath,
        assignee,
      })
      return {
        items: rows.map(toTaskView),
        nextCursor: rows.length === query.limit ? (rows[rows.length - 1]?.id ?? null) : null,
      }
    },

    /** Moves unfinished doors to another worker, who must be able to read the ledgers of their grids. */
    async reassign(ctx: RequestContext, id: string, body: Reassign) {
      const { row } = await visible(ctx, id)
      if (row.state !== 'active') throw conflict('campaign.closed', 'The campaign is closed')
      const within = campaignSubtrees(ctx.actor)
      const gridPath = body.gridCode ? (await deps.grids.current(ctx, body.gridCode)).path : undefined
      return inTransaction(deps, async (tx) => {
        const tasks = await tasksRepo.movable(tx, id, {
          taskIds: body.taskIds,
          fromUserId: body.fromUserId,
          gridPath,
          within,
        })
        if (body.taskIds && tasks.length !== body.taskIds.length)
          throw notFound(
            'campaign.task_not_found',
            'Some of these tasks are not in the campaign, or not yours to move',
          )
        const paths = [...new Set(tasks.map((t) => t.grid_path))]
        const outside = await pathsNotHeld(tx, body.toUserId, 'ledger.read', paths)
        if (outside.length)
          throw badRequest(
            'campaign.assignee_out_of_scope',
            'The worker may not read the ledgers of these doors',
            {
              gridPaths: outside.slice(0, 10),
            },
          )
        await tasksRepo.reassign(
          tx,
          tasks.map((t) => t.id),
          body.toUserId,
        )
        await recordAudit(tx, ctx, {
          action: 'campaign.reassign',
          resourceType: 'campaign',
          resourceId: id,
          summary: { tasks: tasks.length, to: body.toUserId, from: body.fromUserId ?? null },
        })
        return { moved: tasks.length }
      })
    },

    async close(ctx: RequestContext, id: string, version: number) {
      const { row } = await visible(ctx, id)
      if (!mayManageCampaignIn(ctx.actor, row.scope_path))
        throw forbidden('grid.out_of_scope', 'You may not close this campaign')
      if (row.version !== version)
        throw conflict('campaign.version_conflict', 'The campaign changed meanwhile')
      await inTransaction(deps, async (tx) => {
        await campaignsRepo.close(tx, id, clock())
        await recordAudit(tx, ctx, { action: 'campaign.close', resourceType: 'campaign', resourceId: id })
      })
      return view(ctx, id)
    },

    /** The campaign and every door the reader manages, with the last answers (for the Excel sheet). */
    async exportRows(ctx: RequestContext, id: string) {
      const { part, mineOnly } = await visible(ctx, id)
      if (mineOnly) throw forbidden('campaign.not_manager', 'Only those running the campaign export it')
      const campaign = await view(ctx, id)
      const rows = await tasksRepo.forExport(db, id, part)
      return { campaign, tasks: rows.map((r) => ({ ...toTaskView(r), answers: r.answers, note: r.note })) }
    },

    /** The doors due for the worker today, across the campaigns running. */
    async mine(ctx: RequestContext, dueOnly: boolean, limit: number) {
      if (ctx.actor?.type !== 'user') return { items: [], nextCursor: null }
      const rows = await tasksRepo.mine(db, ctx.actor.id, today(), dueOnly, limit)
      return { items: rows.map(toTaskView), nextCursor: null }
    },
  }
}

export type CampaignsService = ReturnType<typeof createCampaignsService>
