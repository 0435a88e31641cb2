import type { RequestContext } from '../../lib/context'
import { addDays, chinaDay } from '../../lib/dates'
import { uuidv7 } from '../../lib/ids'
import { badRequest, conflict, forbidden, notFound } from '../../lib/problem'
import { inTransaction } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import type { GridsService } from '../grids/grids.service'
import { workerGridOf } from '../staff/staff.worker-grid'
import { workSecondsOfDay } from './patrol.finish'
import { mayConfigureGrid, mayConfigureRules, mayReadCheckpoints, mayReadWorker } from './patrols.policy'
import { json, toCheckpoint, toRules } from './patrols.presenter'
import { type ComplianceRow, checkpointsRepo, complianceRepo, patrolsRepo, rulesRepo } from './patrols.repo'
import type { PatrolRules } from './patrols.rules'
import type { CheckpointCreateBody, CheckpointUpdateBody, ComplianceDay, RulesBody } from './patrols.schema'
import { ownGrid, type PatrolDeps } from './patrols.service'

/** A worker may tick the 553 checklist for today and this many days before (a phone syncing late). */
const CHECKLIST_DAYS_BACK = 7

/** Whether a day's figures meet the rules (the same test the recompute writes: `patrols.repo.ts`). */
export function judge(
  d: { patrols: number; inGridS: number; workS: number },
  rules: { minPatrolsPerDay: number; minInGridShare: number },
) {
  // A day without working time (a holiday, a weekend) asks for nothing: both rules are met trivially.
  const patrolsMet = d.workS === 0 || d.patrols >= rules.minPatrolsPerDay
  const inGridMet = d.inGridS >= Math.round(rules.minInGridShare * d.workS)
  return { patrolsMet, inGridMet }
}

/** Monday of the week of a day (weeks run Monday to Sunday). */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  return addDays(day, -((weekday + 6) % 7))
}

/**
 * Compliance 巡查考勤 per worker per day and week, the 553 checklist, the rules per grid level and the
 * check-in points 必到点 of each grid.
 */
export function createComplianceService(deps: PatrolDeps, grids: GridsService) {
  const { db, clock } = deps
  const today = () => chinaDay(clock())

  async function rulesOf(level: string | null | undefined): Promise<PatrolRules> {
    const key = level ?? 'grid'
    return toRules(key, level ? await rulesRepo.find(db, level) : undefined)
  }

  function dayView(row: ComplianceRow | undefined, day: string, rules: PatrolRules): ComplianceDay {
    const stored = row ? json(row.rules, null) : null
    const r = stored ?? { minPatrolsPerDay: rules.minPatrolsPerDay, minInGridShare: rules.minInGridShare }
    const figures = row
      ? { patrols: row.patrols, patrolS: row.patrol_s, inGridS: row.in_grid_s, workS: row.work_s }
      : { patrols: 0, patrolS: 0, inGridS: 0, workS: workSecondsOfDay(day) }
    const { patrolsMet, inGridMet } = row
      ? { patrolsMet: row.patrols_met, inGridMet: row.in_grid_met }
      : judge(figures, r)
    return {
      day,
      ...figures,
      inGridShare: figures.workS > 0 ? Math.round((figures.inGridS / figures.workS) * 10_000) / 10_000 : null,
      patrolsMet,
      inGridMet,
      met: patrolsMet && inGridMet,
      rules: {
        minPatrolsPerDay: r.minPatrolsPerDay,
        minInGridShare: Math.round(r.minInGridShare * 10_000) / 10_000,
      },
      checklist: row ? json<string[]>(row.checklist, []) : [],
    }
  }

  /** The worker asked about and their grid; another worker needs patrol.read over their grid. */
  async function worker(ctx: RequestContext, userId: string | undefined) {
    const actor = ctx.actor
    const self = actor?.type === 'user' ? actor.id : null
    if (!userId || userId === self) {
      if (!self) throw badRequest('patrol.user_required', 'Name the worker (user=) whose compliance to read')
      const grid = await ownGrid(db, ctx)
      return { userId: self, gridPath: grid?.path ?? null, level: grid?.level ?? null }
    }
    if (!(await patrolsRepo.userExists(db, userId))) throw notFound('patrol.user_not_found', 'No such worker')
    const grid = (await workerGridOf(db, userId)) ?? (await patrolsRepo.lastPatrolGrid(db, userId))
    if (!mayReadWorker(actor, grid?.path ?? null))
      throw forbidden('patrol.out_of_scope', 'This worker’s grid is outside your patrol.read scope')
    return { userId, gridPath: grid?.path ?? null, level: grid?.level ?? null }
  }

  return {
    /** A day's compliance and its week's (Monday to Sunday); the week is met when every day is. */
    async compliance(ctx: RequestContext, q: { user?: string; day?: string }) {
      const w = await worker(ctx, q.user)
      const day = q.day ?? today()
      const monday = mondayOf(day)
      const rows = await complianceRepo.days(db, w.userId, monday, addDays(monday, 6))
      const rules = await rulesOf(w.level)
      const byDay = new Map(rows.map((r) => [String(r.day).slice(0, 10), r]))
      const days = [0, 1, 2, 3, 4, 5, 6].map((i) => {
        const d = addDays(monday, i)
        return dayView(byDay.get(d), d, rules)
      })
      const dayOf = days.find((d) => d.day === day) as ComplianceDay
      return { userId: w.userId, day: dayOf, week: { days, met: days.every((d) => d.met) } }
    },

    /** The worker ticks the 553 items of a day (today or the week before); answers the day. */
    async tickChecklist(ctx: RequestContext, day: string, items: string[]) {
      const w = await worker(ctx, undefined)
      const now = today()
      if (day > now || day < addDays(now, -CHECKLIST_DAYS_BACK))
        throw badRequest(
          'patrol.checklist_day_out_of_range',
          `The checklist can be ticked for today and the ${CHECKLIST_DAYS_BACK} days before`,
        )
      const rules = await rulesOf(w.level)
      const known = new Set(rules.checklist.map((i) => i.id))
      const unknown = items.find((i) => !known.has(i))
      if (unknown !== undefined)
        throw badRequest(
          'patrol.checklist_unknown_item',
          `No checklist item ${unknown} for this grid level`,
          {
            item: unknown,
          },
        )
      const ticked = [...new Set(items)]
      const workS = workSecondsOfDay(day)
      const r = { minPatrolsPerDay: rules.minPatrolsPerDay, minInGridShare: rules.minInGridShare }
      await inTransaction(deps, async (tx) => {
        await complianceRepo.setChecklist(tx, w.userId, day, ticked, {
          gridPath: w.gridPath,
          workS,
          rules: r,
          ...judge({ patrols: 0, inGridS: 0, workS }, r),
        })
      })
      const [row] = await complianceRepo.days(db, w.userId, day, day)
      return dayView(row, day, rules)
    },

    /** The rules of every level of the scheme (the defaults where none is stored). */
    async rules() {
      const stored = new Map((await rulesRepo.all(db)).map((r) => [r.level, r]))
      return { items: grids.levels().map((l) => toRules(l.key, stored.get(l.key))) }
    },

    /** Sets a level's rules (whole-deployment patrol.configure), on the version read. */
    async putRules(ctx: RequestContext, level: string, body: RulesBody) {
      if (!mayConfigureRules(ctx.actor))
        throw forbidden(
          'patrol.configure_forbidden',
          'Rules apply to every grid of a level: set them from the whole deployment',
        )
      if (!grids.levels().some((l) => l.key === level))
        throw notFound('patrol.unknown_level', `No grid level ${level}`)
      const { version, ...rules } = body
      await inTransaction(deps, async (tx) => {
        const written = await rulesRepo.put(tx, { level, ...rules }, version)
        if (written === null)
          throw conflict('patrol.version_conflict', 'The rules were changed meanwhile: reload them')
        await recordAudit(tx, ctx, {
          action: 'patrol_rules.update',
          resourceType: 'patrol_rules',
          resourceId: level,
          summary: {
            minPatrolsPerDay: rules.minPatrolsPerDay,
            minInGridShare: rules.minInGridShare,
            coverageRadiusM: rules.coverageRadiusM,
            checklist: rules.checklist.map((i) => i.id),
          },
        })
      })
      return toRules(level, await rulesRepo.find(db, level))
    },

    /** The check-in points of a grid (and the grids below it). */
    async checkpoints(ctx: RequestContext, code: string) {
      const grid = await grids.current(ctx, code)
      if (!mayReadCheckpoints(ctx.actor, grid.path))
        throw forbidden('patrol.out_of_scope', 'You may not see this grid’s check-in points')
      return { items: (await checkpointsRepo.list(db, grid.path)).map(toCheckpoint) }
    },

    async createCheckpoint(ctx: RequestContext, body: CheckpointCreateBody) {
      const grid = await grids.current(ctx, body.grid)
      if (!mayConfigureGrid(ctx.actor, grid.path))
        throw forbidden('patrol.configure_forbidden', 'You may not configure patrols in this grid')
      const id = uuidv7()
      await inTransaction(deps, async (tx) => {
        await checkpointsRepo.insert(tx, {
          id,
          gridId: grid.id,
          gridPath: grid.path,
          name: body.name,
          lon: body.location.lng,
          lat: body.location.lat,
          radiusM: body.radiusM,
        })
        await recordAudit(tx, ctx, {
          action: 'patrol_checkpoint.create',
          resourceType: 'patrol_checkpoint',
          resourceId: id,
          summary: { grid: grid.code, name: body.name, radiusM: body.radiusM },
        })
      })
      return toCheckpoint(
        (await checkpointsRepo.find(db, id)) as NonNullable<Awaited<ReturnType<typeof checkpointsRepo.find>>>,
      )
    },

    async updateCheckpoint(ctx: RequestContext, id: string, body: CheckpointUpdateBody) {
      const row = await configurable(ctx, id)
      await inTransaction(deps, async (tx) => {
        await checkpointsRepo.update(tx, id, {
          name: body.name,
          lon: body.location.lng,
          lat: body.location.lat,
          radiusM: body.radiusM,
        })
        await recordAudit(tx, ctx, {
          action: 'patrol_checkpoint.update',
          resourceType: 'patrol_checkpoint',
          resourceId: id,
          summary: {
            before: { name: row.name, radiusM: row.radius_m },
            after: { name: body.name, radiusM: body.radiusM },
          },
        })
      })
      return toCheckpoint((await checkpointsRepo.find(db, id)) ?? row)
    },

    /** Retires a check-in point: later patrols no longer look for it; past patrols keep what they reached. */
    async retireCheckpoint(ctx: RequestContext, id: string) {
      const row = await configurable(ctx, id)
      await inTransaction(deps, async (tx) => {
        await checkpointsRepo.retire(tx, id, clock())
        await recordAudit(tx, ctx, {
          action: 'patrol_checkpoint.retire',
          resourceType: 'patrol_checkpoint',
          resourceId: id,
          summary: { name: row.name, grid: row.grid_path },
        })
      })
    },
  }

  async function configurable(ctx: RequestContext, id: string) {
    const row = await checkpointsRepo.find(db, id)
    if (!row || row.retired_at !== null || !mayReadCheckpoints(ctx.actor, row.grid_path))
      throw notFound('patrol.checkpoint_not_found', 'No such check-in point')
    if (!mayConfigureGrid(ctx.actor, row.grid_path))
      throw forbidden('patrol.configure_forbidden', 'You may not configure patrols in this grid')
    return row
  }
}

export type ComplianceService = ReturnType<typeof createComplianceService>
