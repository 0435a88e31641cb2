import type { Executor } from '../../db/database'
import type { LiveBus } from '../../lib/bus/bus'
import type { RequestContext } from '../../lib/context'
import { addDays, chinaDay } from '../../lib/dates'
import { badRequest, conflict, forbidden, notFound } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import { holdsAnywhere } from '../auth/auth.policy'
import { workerGridOf } from '../staff/staff.worker-grid'
import { figuresRepo } from './patrol.figures.repo'
import { dayStart, finishPatrol } from './patrol.finish'
import { grantGridPath, isOwner, mayReadPatrol, patrolReadSubtrees } from './patrols.policy'
import { toPatrolDetail, toPatrolView, toPosition } from './patrols.presenter'
import { type PatrolRow, patrolsRepo } from './patrols.repo'
import { DEFAULT_RULES, FUTURE_SLACK_MS } from './patrols.rules'
import type { PatrolDetail, PatrolView, TrackPointInput } from './patrols.schema'
import { type PartitionPolicy, withinKeptDays } from './track.partitions'
import { trackRepo } from './track.repo'

/** What the patrols' services are built with. */
export interface PatrolDeps extends ServiceDeps {
  clock: () => Date
  partitions: PartitionPolicy
  /** The events reported during a patrol (the cases module's export, handed over by the app). */
  casesOf: (ex: Executor, patrolId: string) => Promise<{ id: string; no: string; state: string }[]>
  /** Where a worker on patrol is now goes out on it (the live map), once the points are stored. */
  bus: LiveBus
}

/** The live bus topic of workers' latest positions. */
export const LIVE_POSITIONS = 'positions'

/** A worker's latest position as the live map hears it (`gridPath` decides who may see it). */
export interface LivePosition {
  userId: string
  userName: string
  patrolId: string
  gridPath: string | null
  recordedAt: string
  lon: number
  lat: number
}

/** A worker's own grid: their deepest post, else the deepest grid of their patrol.record grants. */
export async function ownGrid(ex: Executor, ctx: RequestContext) {
  const actor = ctx.actor
  if (actor?.type !== 'user') return undefined
  const posted = await workerGridOf(ex, actor.id)
  if (posted) return posted
  const path = grantGridPath(actor)
  return path ? patrolsRepo.gridByPath(ex, path) : undefined
}

const patrolNotFound = () => notFound('patrol.not_found', 'No such patrol')
/** A list or week asks for at most this many days. */
const MAX_LIST_DAYS = 92

/**
 * Patrols 巡查: a worker starts one from the phone (the phone's id makes a replayed start the same
 * patrol), uploads its points in idempotent batches, and ends it; the end computes the figures
 * (`patrol.finish.ts`). Readers with patrol.read over a patrol's grid see it, its track and its cases.
 */
export function createPatrolsService(deps: PatrolDeps) {
  const { db, clock } = deps

  async function readable(ctx: RequestContext, id: string): Promise<PatrolRow> {
    const row = await patrolsRepo.find(db, id)
    if (!row || !mayReadPatrol(ctx.actor, { userId: row.user_id, gridPath: row.grid_path }))
      throw patrolNotFound()
    return row
  }

  /** The patrol, if the caller is its worker (404 when they may not see it, 403 when they only may read it). */
  async function owned(ctx: RequestContext, id: string): Promise<PatrolRow> {
    const row = await readable(ctx, id)
    if (!isOwner(ctx.actor, row.user_id))
      throw forbidden('patrol.not_owner', 'Only the worker on this patrol may record or end it')
    return row
  }

  function notInFuture(at: Date, code: string) {
    if (at.getTime() > clock().getTime() + FUTURE_SLACK_MS)
      throw badRequest(code, 'The time lies ahead of the server’s clock; check the device’s clock')
  }

  async function view(id: string): Promise<PatrolView> {
    const row = await patrolsRepo.find(db, id)
    if (!row) throw patrolNotFound()
    return toPatrolView(row)
  }

  return {
    /**
     * Starts a patrol in the worker's own grid. The same id again by the same worker answers the
     * same patrol (a replay); another worker's id is refused. A running patrol of the worker from
     * the app ends when a new one starts (at the new start: no point recorded before it is lost).
     */
    async start(ctx: RequestContext, body: { id: string; startedAt: string }) {
      const actor = ctx.actor
      if (actor?.type !== 'user')
        throw forbidden(
          'patrol.user_only',
          'Patrols are started by a signed-in worker (devices use trackers)',
        )
      const seen = await patrolsRepo.find(db, body.id)
      if (seen) {
        if (seen.user_id !== actor.id)
          throw conflict('patrol.id_taken', 'This patrol id belongs to another worker’s patrol')
        return { view: toPatrolView(seen), replayed: true }
      }
      const startedAt = new Date(body.startedAt)
      notInFuture(startedAt, 'patrol.time_in_future')
      if (!withinKeptDays(startedAt, clock(), deps.partitions))
        throw badRequest(
          'patrol.started_out_of_range',
          'The start lies outside the days whose tracks are kept',
          {
            startedAt: body.startedAt,
          },
        )
      const grid = await ownGrid(db, ctx)
      const written = await inTransaction(deps, async (tx) => {
        for (const running of await patrolsRepo.runningApp(tx, actor.id)) {
          const runningStart = new Date(running.started_at)
          const endedAt = startedAt < runningStart ? runningStart : startedAt
          await finishPatrol(tx, running.id, endedAt)
          await recordAudit(tx, ctx, {
            action: 'patrol.end',
            resourceType: 'patrol',
            resourceId: running.id,
            summary: { endedAt: endedAt.toISOString(), reason: 'superseded', by: body.id },
          })
        }
        const inserted = await patrolsRepo.insert(tx, {
          id: body.id,
          userId: actor.id,
          gridId: grid?.id ?? null,
          gridPath: grid?.path ?? null,
          source: 'app',
          startedAt,
        })
        if (inserted)
          await recordAudit(tx, ctx, {
            action: 'patrol.start',
            resourceType: 'patrol',
            resourceId: body.id,
            summary: { startedAt: startedAt.toISOString(), grid: grid?.path ?? null, source: 'app' },
          })
        return inserted
      })
      const row = await patrolsRepo.find(db, body.id)
      if (!row) throw new Error('the patrol just started is missing')
      // Lost a race with the same id: a replay if it is this worker's, else someone else's id.
      if (!written && row.user_id !== actor.id)
        throw conflict('patrol.id_taken', 'This patrol id belongs to another worker’s patrol')
      return { view: toPatrolView(row), replayed: !written }
    },

    /**
     * Stores a batch of points once (a point is its patrol and `seq`). While the patrol runs, any point
     * of the kept days; once ended, only points recorded before its end, and the figures are computed
     * again. A bad point refuses the whole batch, naming the first bad index.
     */
    async addPoints(ctx: RequestContext, id: string, points: TrackPointInput[]) {
      const patrol = await owned(ctx, id)
      const now = clock()
      const times = points.map((p) => new Date(p.t))
      const outside = times.findIndex(
        (t) => !withinKeptDays(t, now, deps.partitions) || t.getTime() > now.getTime() + FUTURE_SLACK_MS,
      )
      if (outside >= 0)
        throw badRequest(
          'patrol.point_out_of_range',
          `Point ${outside} was recorded outside the days whose tracks are kept (or ahead of the server’s clock)`,
          { index: outside, t: points[outside]?.t },
        )
      const rows = points.map((p, i) => ({
        streamId: id,
        seq: p.seq,
        recordedAt: (times[i] as Date).toISOString(),
        userId: patrol.user_id,
        patrolId: id,
        lon: p.lon,
        lat: p.lat,
        accuracyM: p.acc ?? null,
        mocked: p.mocked ?? false,
      }))
      const stored = await inTransaction(deps, async (tx) => {
        const locked = await patrolsRepo.lock(tx, id)
        if (!locked) throw patrolNotFound()
        const endedAt = locked.ended_at === null ? null : new Date(locked.ended_at)
        if (endedAt) {
          const late = times.findIndex((t) => t > endedAt)
          if (late >= 0)
            throw conflict('patrol.ended', `Point ${late} was recorded after the patrol ended`, {
              index: late,
              endedAt: endedAt.toISOString(),
            })
        }
        const n = await trackRepo.insertPoints(tx, rows)
        if (endedAt && n > 0) await finishPatrol(tx, id, endedAt)
        return { n, running: endedAt === null }
      })
      const latest = rows.reduce<(typeof rows)[number] | undefined>(
        (a, r) => (a && a.recordedAt >= r.recordedAt ? a : r),
        undefined,
      )
      if (stored.running && stored.n > 0 && latest && !latest.mocked)
        deps.bus.publish(LIVE_POSITIONS, {
          userId: patrol.user_id,
          userName: patrol.user_name,
          patrolId: id,
          gridPath: patrol.grid_path,
          recordedAt: latest.recordedAt,
          lon: latest.lon,
          lat: latest.lat,
        } satisfies LivePosition)
      return { stored: stored.n, duplicates: points.length - stored.n }
    },

    /** Ends the patrol at `endedAt` and computes its figures; ending an ended patrol answers it as it is. */
    async end(ctx: RequestContext, id: string, body: { endedAt: string }): Promise<PatrolView> {
      const patrol = await owned(ctx, id)
      if (patrol.state === 'ended') return toPatrolView(patrol)
      const endedAt = new Date(body.endedAt)
      if (endedAt < new Date(patrol.started_at))
        throw badRequest('patrol.ended_before_start', 'A patrol cannot end before it started')
      notInFuture(endedAt, 'patrol.time_in_future')
      await inTransaction(deps, async (tx) => {
        const locked = await patrolsRepo.lock(tx, id)
        if (!locked || locked.state === 'ended') return
        await finishPatrol(tx, id, endedAt)
        await recordAudit(tx, ctx, {
          action: 'patrol.end',
          resourceType: 'patrol',
          resourceId: id,
          summary: { endedAt: endedAt.toISOString(), reason: 'worker' },
        })
      })
      return view(id)
    },

    /** The patrol with its track (so far, while it runs), its gaps and the events reported during it. */
    async detail(ctx: RequestContext, id: string): Promise<PatrolDetail> {
      await readable(ctx, id)
      const row = await patrolsRepo.detail(db, id)
      if (!row) throw patrolNotFound()
      const live =
        row.state === 'running'
          ? await figuresRepo.live(db, {
              id,
              userId: row.user_id,
              gridId: row.grid_id,
              gridPath: row.grid_path,
              startedAt: new Date(row.started_at),
              endedAt: clock(),
              defaultRadiusM: DEFAULT_RULES.coverageRadiusM,
            })
          : null
      return toPatrolDetail(row, live, await deps.casesOf(db, id))
    },

    /** A worker's patrols started on the days asked (the last 7 by default), newest first. */
    async list(ctx: RequestContext, q: { user?: string; from?: string; to?: string }) {
      const actor = ctx.actor
      const self = actor?.type === 'user' ? actor.id : null
      const userId = q.user ?? self
      if (!userId) throw badRequest('patrol.user_required', 'Name the worker (user=) whose patrols to list')
      const other = userId !== self
      if (other && !holdsAnywhere(actor, 'patrol.read'))
        throw forbidden('patrol.out_of_scope', 'You may not read other workers’ patrols')
      const today = chinaDay(clock())
      const to = q.to ?? today
      const from = q.from ?? addDays(to, -6)
      if (from > to || addDays(from, MAX_LIST_DAYS) < to)
        throw badRequest(
          'patrol.range_invalid',
          `from must not be after to, and at most ${MAX_LIST_DAYS} days before it`,
        )
      const rows = await patrolsRepo.list(db, {
        userId,
        from: dayStart(from),
        to: dayStart(addDays(to, 1)),
        within: other ? patrolReadSubtrees(actor) : null,
        limit: 500,
      })
      return { items: rows.map(toPatrolView) }
    },

    /** Where the workers on patrol in the reader's scope were last seen, within a box. */
    async positions(ctx: RequestContext, bbox: [number, number, number, number]) {
      const within = patrolReadSubtrees(ctx.actor)
      if (within?.length === 0) return { items: [] }
      const rows = await patrolsRepo.positions(db, { bbox, within, limit: 5000 })
      return { items: rows.map(toPosition) }
    },
  }
}

export type PatrolsService = ReturnType<typeof createPatrolsService>
