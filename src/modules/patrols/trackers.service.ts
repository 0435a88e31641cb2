import type { Executor } from '../../db/database'
import type { RequestContext } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { badRequest, conflict, forbidden, notFound } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import { holdsAnywhere, may, scopesFor } from '../auth/auth.policy'
import { grantsOfUser } from '../auth/grants'
import { workerGridOf } from '../staff/staff.worker-grid'
import { FUTURE_SLACK_MS } from './patrols.rules'
import { type PartitionPolicy, withinKeptDays } from './track.partitions'
import { trackRepo } from './track.repo'
import { coversWorker, isDeviceCaller, mayBindTo, mayRelease, mayRetire } from './trackers.policy'
import { toTrackerView } from './trackers.presenter'
import { type IntakeTrackerRow, type TrackerRow, trackersRepo } from './trackers.repo'
import type { TrackPointsBody } from './trackers.schema'

/** Ends a running patrol at `endedAt` in the caller's transaction (the patrols' finish, with its figures). */
export type FinishPatrol = (tx: Executor, patrolId: string, endedAt: Date) => Promise<unknown>

export interface TrackerSettings {
  /** The product's time (points outside the kept days are refused, bindings are stamped). */
  clock: () => Date
  /** Which days of points have a partition to go to. */
  partitions: PartitionPolicy
  /** How a tracker patrol ends when its tracker moves to another worker or retires (with its figures). */
  finishPatrol: FinishPatrol
}

const notFoundTracker = () => notFound('tracker.not_found', 'No such tracker')

/**
 * Refuses a person's session (before the body is read): points come from a device, through an
 * integration's API key (HTTP) or the broker (MQTT, where the system speaks for it).
 */
function admitDevice(ctx: RequestContext) {
  if (ctx.actor && !isDeviceCaller(ctx.actor) && ctx.actor.type !== 'system')
    throw forbidden('tracker.key_required', "Trackers post with an API key, not a person's session")
}

export function createTrackersService(deps: ServiceDeps, settings: TrackerSettings) {
  const { db } = deps
  const { clock, partitions } = settings
  const { finishPatrol } = settings

  /** Ends the tracker's running patrol at its last point (or now, without points). */
  async function endRunning(tx: Executor, trackerId: string, now: Date) {
    const running = await trackersRepo.runningPatrol(tx, trackerId)
    if (!running) return null
    await finishPatrol(tx, running.id, (await trackersRepo.lastPointOf(tx, trackerId, running.id)) ?? now)
    return running.id
  }

  async function load(id: string): Promise<TrackerRow> {
    const row = await trackersRepo.find(db, id)
    if (!row) throw notFoundTracker()
    return row
  }

  const workerGrants = (userId: string | null) => (userId ? grantsOfUser(db, userId) : Promise.resolve(null))

  /**
   * The patrol a batch joins: the worker's running tracker patrol, or a new one opened at the batch's
   * first point in the worker's own grid. A patrol left running for an earlier worker ends first.
   */
  async function patrolFor(
    tracker: IntakeTrackerRow & { user_id: string },
    points: TrackPointsBody['points'],
  ) {
    if (tracker.patrol_id && tracker.patrol_user_id === tracker.user_id) return tracker.patrol_id
    if (tracker.patrol_id) await inTransaction(deps, (tx) => endRunning(tx, tracker.id, clock()))
    const grid = await workerGridOf(db, tracker.user_id)
    const first = points.reduce((a, p) => (Date.parse(p.t) < Date.parse(a.t) ? p : a))
    const opened = await trackersRepo.openPatrol(db, {
      id: uuidv7(),
      userId: tracker.user_id,
      trackerId: tracker.id,
      gridId: grid?.id ?? null,
      gridPath: grid?.path ?? null,
      startedAt: new Date(first.t).toISOString(),
    })
    if (opened) return opened
    // Another request or node opened it between our read and our insert.
    const running = await trackersRepo.runningPatrol(db, tracker.id)
    if (!running) throw new Error(`tracker ${tracker.id}: no running patrol after a lost race`)
    return running.id
  }

  return {
    async create(ctx: RequestContext, body: { code: string; name: string }) {
      if (!holdsAnywhere(ctx.actor, 'patrol.configure'))
        throw forbidden('auth.forbidden', 'You may not register trackers')
      const id = uuidv7()
      await inTransaction(deps, async (tx) => {
        if (!(await trackersRepo.insert(tx, { id, code: body.code, name: body.name })))
          throw conflict('tracker.code_taken', `A tracker with the code ${body.code} is registered already`)
        await recordAudit(tx, ctx, {
          action: 'tracker.create',
          resourceType: 'tracker',
          resourceId: id,
          summary: { code: body.code, name: body.name },
        })
      })
      return toTrackerView(await load(id))
    },

    /** The pool (unbound trackers) and the trackers of workers recording where the reader configures. */
    async list(ctx: RequestContext) {
      const scopes = scopesFor(ctx.actor, 'patrol.configure').filter((s) => s.type === 'grid')
      const within = scopes.some((s) => s.path === '') ? null : scopes.map((s) => s.path)
      return (await trackersRepo.list(db, within)).map(toTrackerView)
    },

    /** Binds the tracker to a worker (it leaves any earlier one), or unbinds it with null. */
    async bind(ctx: RequestContext, id: string, body: { userId: string | null; version: number }) {
      const tracker = await load(id)
      const current = await workerGrants(tracker.user_id)
      if (!mayRelease(ctx.actor, current))
        throw forbidden('tracker.out_of_scope', "The tracker's worker records patrols outside your grids")
      if (tracker.retired_at) throw conflict('tracker.retired', 'The tracker is retired')
      if (tracker.version !== body.version)
        throw conflict('tracker.version_conflict', 'Someone changed this tracker first: reload it', {
          current: toTrackerView(tracker),
        })
      if (body.userId === tracker.user_id) return toTrackerView(tracker)
      if (body.userId && !mayBindTo(ctx.actor, await grantsOfUser(db, body.userId)))
        throw forbidden(
          'tracker.worker_out_of_scope',
          'The worker must record patrols (patrol.record) in a grid where you configure them',
        )
      const now = clock()
      await inTransaction(deps, async (tx) => {
        if (!(await trackersRepo.bind(tx, id, body.version, body.userId, now)))
          throw conflict('tracker.version_conflict', 'Someone changed this tracker first: reload it')
        const ended = await endRunning(tx, id, now)
        await recordAudit(tx, ctx, {
          action: body.userId ? 'tracker.bind' : 'tracker.unbind',
          resourceType: 'tracker',
          resourceId: id,
          summary: { code: tracker.code, from: tracker.user_id, to: body.userId, endedPatrol: ended },
        })
      })
      return toTrackerView(await load(id))
    },

    /** Takes the tracker out of service for good: its code answers 404 and is never registered again. */
    async retire(ctx: RequestContext, id: string) {
      const tracker = await load(id)
      // Retired trackers are unbound and shown to every configurer: retiring again answers the same.
      if (tracker.retired_at) return toTrackerView(tracker)
      const current = await workerGrants(tracker.user_id)
      if (!mayRetire(ctx.actor, current))
        throw forbidden(
          'tracker.out_of_scope',
          tracker.user_id
            ? "The tracker's worker records patrols outside your grids"
            : 'Only a configurer of the whole deployment retires a tracker nobody holds',
        )
      const now = clock()
      await inTransaction(deps, async (tx) => {
        if (!(await trackersRepo.retire(tx, id, now))) return
        const ended = await endRunning(tx, id, now)
        await recordAudit(tx, ctx, {
          action: 'tracker.retire',
          resourceType: 'tracker',
          resourceId: id,
          summary: { code: tracker.code, from: tracker.user_id, endedPatrol: ended },
        })
      })
      return toTrackerView(await load(id))
    },

    admitDevice,

    /**
     * Stores a batch of a tracker's points (HTTP and MQTT alike): they join the bound worker's running
     * tracker patrol, opened by the first point when none runs. Answers what was new.
     */
    async ingest(ctx: RequestContext, code: string, body: TrackPointsBody) {
      admitDevice(ctx)
      const tracker = await trackersRepo.forIntake(db, code)
      if (!tracker || tracker.retired_at) throw notFound('tracker.not_found', 'No such tracker in service')
      const userId = tracker.user_id
      if (!userId)
        throw conflict('tracker.unbound', 'The tracker is bound to no worker: its points belong to nobody')
      if (
        ctx.actor?.type === 'api_key' &&
        // A key of the whole deployment covers everyone: no need to read the worker's grants.
        !may(ctx.actor, 'patrol.record') &&
        !coversWorker(ctx.actor, 'patrol.record', await grantsOfUser(db, userId))
      )
        throw forbidden('tracker.out_of_scope', "The key's scope does not cover the tracker's worker")
      const now = clock()
      // As for the app's points: a device clock running ahead must not open patrols in the future.
      const outside = body.points.filter((p) => {
        const at = new Date(p.t)
        return !withinKeptDays(at, now, partitions) || at.getTime() > now.getTime() + FUTURE_SLACK_MS
      })
      if (outside.length > 0)
        throw badRequest(
          'patrol.point_out_of_range',
          'Points recorded outside the days kept, or in the future',
          {
            seqs: outside.slice(0, 20).map((p) => p.seq),
          },
        )
      const patrolId = await patrolFor({ ...tracker, user_id: userId }, body.points)
      const stored = await trackRepo.insertPoints(
        db,
        body.points.map((p) => ({
          streamId: tracker.id,
          seq: p.seq,
          recordedAt: p.t,
          userId,
          patrolId,
          lon: p.lon,
          lat: p.lat,
          accuracyM: p.acc ?? null,
          mocked: p.mocked ?? false,
        })),
      )
      return { stored, duplicates: body.points.length - stored }
    },
  }
}

export type TrackersService = ReturnType<typeof createTrackersService>
