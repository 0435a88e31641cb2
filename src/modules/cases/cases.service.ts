import { sql } from 'drizzle-orm'
import type { z } from 'zod'
import { queryRows } from '../../db/database'
import type { Actor, RequestContext } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { badRequest, conflict, forbidden, notFound, Problem } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { sha256Hex } from '../../lib/tokens'
import { recordAudit } from '../audit/audit.service'
import { holdsAnywhere, may, scopesFor } from '../auth/auth.policy'
import type { Permission } from '../auth/permissions'
import type { GridsService } from '../grids/grids.service'
import { outboxRepo } from '../outbox/outbox.repo'
import { attachmentsSince } from './attachments/attachments.service'
import type { WorkCalendar } from './calendar/calendar'
import { outcomeOf } from './cases.actions'
import { createIntake } from './cases.intake'
import { loopRepo } from './cases.loop.repo'
import type { NearbyRow } from './cases.nearby'
import { abilities, caseFacts, mayAct, mayReadAsStaff, mayReadCase } from './cases.policy'
import { toCaseSummary, toCaseView, toNearby } from './cases.presenter'
import { type CaseRow, casesRepo, type ReadScope } from './cases.repo'
import type {
  CaseActionBody,
  CaseCreateBody,
  CaseIntake,
  CaseListQuerySchema,
  CaseView,
} from './cases.schema'
import { ACTIONS, allows, CASE_STATES, type CaseAction, type CaseState, isOpen } from './cases.states'
import { caseStats, type StatsGroup } from './cases.stats'
import { type FilingStandard, REQUEST_NATURES } from './categories/categories.types'
import type { CaseConfigCache } from './config/config.cache'
import { isPublicCategory } from './public/public.policy'

export interface CasesSettings {
  calendar: WorkCalendar
  /** Categories and routing rules in memory, for intake. */
  catalogue: CaseConfigCache
  /** The time (tests fix it). */
  clock: () => Date
  /** Same category within this radius and window: offered as a duplicate (default 50 m, 24 h). */
  duplicates?: { radiusM: number; hours: number }
}

/** Where the actor's case.read grants reach, for the list and statistics filters. */
function readScope(actor: Actor | null): ReadScope {
  const scopes = scopesFor(actor, 'case.read')
  return {
    within: may(actor, 'case.read') ? null : scopes.flatMap((s) => (s.type === 'grid' ? [s.path] : [])),
    departments: scopes.flatMap((s) => (s.type === 'department' ? [s.id] : [])),
  }
}

/** Non-staff see a look-alike's distance only to this band (50 m: within 50, 100 …). */
const DISTANCE_BAND_M = 50

const QUEUES: Record<string, readonly CaseState[]> = {
  to_accept: ['reported', 'returned'],
  to_dispatch: ['accepted', 'escalated'],
  to_handle: ['dispatched', 'in_progress', 'reopened'],
  to_verify: ['handled'],
  to_close: ['verified'],
}

/** The role an actor acts in, for the timeline: the first grant holding the permission. */
function roleOf(actor: Actor | null, permission: Permission): string {
  if (!actor) return 'anonymous'
  if (actor.type === 'api_key') return 'integration'
  return (
    actor.grants.find((g) => g.permissions.includes(permission) || g.permissions.includes('*'))?.roleKey ??
    'user'
  )
}

export function createCasesService(deps: ServiceDeps, grids: GridsService, settings: CasesSettings) {
  const { db } = deps
  const { calendar, clock } = settings
  const intake = createIntake(deps, grids, settings)

  async function chainOf(path: string | null) {
    if (!path) return []
    return queryRows<{ id: string; code: string; name: string; level: string; path: string }>(
      db,
      sql`select id, code, name, level, path::text as path from grids where path @> ${path}::ltree order by nlevel(path)`,
    )
  }

  async function loadReadable(ctx: RequestContext, id: string): Promise<CaseRow> {
    const row = await casesRepo.find(db, id)
    // Someone who may not read a case is not told it exists.
    if (!row || !mayReadCase(ctx.actor, caseFacts(row))) throw notFound('case.not_found', `No case ${id}`)
    return row
  }

  /** Open cases like this one near it: what a new report may join ("me too") or a case may merge into. */
  function nearby(categoryCode: string, lng: number, lat: number, except?: string) {
    const { radiusM, hours } = settings.duplicates ?? { radiusM: 50, hours: 24 }
    const since = new Date(clock().getTime() - hours * 3600_000)
    return casesRepo.nearby(db, { categoryCode, lng, lat, radiusM, since, except })
  }

  /**
   * Look-alikes as a caller may see them: staff over a case get its exact distance; anyone else only
   * published cases, their distance rounded up to a DISTANCE_BAND_M band, so that asking from a few
   * points cannot place an unpublished report (a door) by its distances.
   */
  async function nearbyFor(ctx: RequestContext, rows: NearbyRow[]) {
    const shown = await Promise.all(
      rows.map(async (n) => {
        const row = await casesRepo.find(db, n.id)
        if (!row) return []
        if (mayReadAsStaff(ctx.actor, caseFacts(row))) return [toNearby(n)]
        if (!n.published) return []
        const banded = Math.max(1, Math.ceil(Number(n.distance_m) / DISTANCE_BAND_M)) * DISTANCE_BAND_M
        return [{ ...toNearby(n), distanceM: banded }]
      }),
    )
    return shown.flat()
  }

  /** The intake's answer for a case filed before (a replayed Idempotency-Key). */
  async function filed(ctx: RequestContext, id: string): Promise<CaseIntake> {
    const row = await casesRepo.find(db, id)
    if (!row) throw notFound('case.not_found', `No case ${id}`)
    const [chain, duplicates] = await Promise.all([
      chainOf(row.grid_path),
      row.lng === null || row.lat === null
        ? []
        : nearby(row.category_code, Number(row.lng), Number(row.lat), row.id),
    ])
    return {
      ...toCaseSummary(row, calendar, clock()),
      grids: chain.map((g) => ({ code: g.code, name: g.name, level: g.level })),
      abilities: abilities(ctx.actor, caseFacts(row)),
      duplicates: await nearbyFor(ctx, duplicates),
    }
  }

  /**
   * Whether someone may see a look-alike case and follow it: staff who may read it, or anyone when its
   * class is one residents report publicly (a dispute or a special-care matter is never shown).
   */
  async function mayFollow(ctx: RequestContext, id: string): Promise<boolean> {
    const row = await casesRepo.find(db, id)
    if (!row) return false
    const catalogue = Number(row.category_code.slice(0, 2)) >= 21 ? 'social' : 'city'
    return (
      mayReadAsStaff(ctx.actor, caseFacts(row)) || isPublicCategory({ code: row.category_code, catalogue })
    )
  }

  async function view(ctx: RequestContext, id: string): Promise<CaseView> {
    const row = await loadReadable(ctx, id)
    const mergeable = ['reported', 'accepted'].includes(row.state) && row.lng !== null && row.lat !== null
    const [chain, timeline, participants, pendingExtension, duplicates, followers] = await Promise.all([
      chainOf(row.grid_path),
      casesRepo.timeline(db, id),
      loopRepo.participants(db, id),
      loopRepo.pendingExtension(db, id),
      mergeable ? nearby(row.category_code, Number(row.lng), Number(row.lat), row.id) : [],
      casesRepo.followerUsers(db, id),
    ])
    return toCaseView(row, {
      calendar,
      now: clock(),
      grids: chain.map((g) => ({ code: g.code, name: g.name, level: g.level })),
      timeline,
      abilities: abilities(ctx.actor, caseFacts(row)),
      participants,
      pendingExtension: pendingExtension ?? null,
      duplicates: await nearbyFor(ctx, duplicates),
      followers: followers.length,
      staff: mayReadAsStaff(ctx.actor, caseFacts(row)),
    })
  }

  /** Where a dispatch goes: the department named, the grid named, the routing table, the category's default. */
  async function dispatchTarget(row: CaseRow, body: CaseActionBody, standard: FilingStandard) {
    if (body.department) {
      const d = await casesRepo.departmentByCode(db, body.department)
      if (!d) throw badRequest('case.unknown_department', `No department ${body.department}`)
      return { departmentId: d.id, grid: null }
    }
    const chain = await chainOf(row.grid_path)
    const toGrid = (code: string) => {
      if (!standard.admitted)
        throw new Problem(
          422,
          'case.not_admitted',
          'This category is not on the admitted list: grid workers cannot be given it',
        )
      return { departmentId: null, grid: code }
    }
    if (body.grid) {
      if (!chain.some((g) => g.code === body.grid))
        throw badRequest('case.grid_not_in_chain', `Grid ${body.grid} does not hold this case`)
      return toGrid(body.grid)
    }
    const route = await casesRepo.route(
      db,
      chain.map((g) => g.path),
      row.category_code,
    )
    const departmentId =
      route?.department_id ??
      (standard.department
        ? await casesRepo.departmentOfKind(
            db,
            standard.department,
            chain.map((g) => g.id),
          )
        : null)
    if (departmentId) return { departmentId, grid: null }
    const leaf = chain.at(-1)
    if (leaf && standard.admitted) return toGrid(leaf.code)
    throw new Problem(
      422,
      'case.no_handler',
      'No department serves this case here: name one or add a routing rule',
    )
  }

  /** The 409 that explains why the case's version or state does not allow the action, if either does not. */
  function checkTransition(row: CaseRow, action: CaseAction, body: CaseActionBody): void {
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
  async function apply(
    ctx: RequestContext,
    row: CaseRow,
    action: CaseAction,
    body: CaseActionBody,
    role: string,
  ): Promise<void> {
    const standard = row.standard
    if (!standard) throw new Error(`category ${row.category_code} has no filing standard`)
    const now = clock()
    const chain = await chainOf(row.grid_path)
    const { patch, data, alsoIn } = await outcomeOf(action, {
      row,
      body,
      now,
      calendar,
      standard,
      chain,
      dispatchTarget: () => dispatchTarget(row, body, standard),
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
      photosSince: (since, by) => attachmentsSince(db, row.id, since, by),
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

  return {
    view,
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
      const reporter = { userId: actor.type === 'user' ? actor.id : null, role: roleOf(actor, 'case.report') }
      const done = await intake(ctx, body, reporter, { key })
      if (done)
        return {
          view: {
            ...toCaseSummary(done.row, calendar, clock()),
            grids: done.chain,
            abilities: abilities(ctx.actor, caseFacts(done.row)),
            duplicates: await nearbyFor(ctx, done.duplicates),
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
      return { view: await filed(ctx, seen.case_id), replayed: true }
    },

    /** One action of the loop, on the version the actor saw (see cases.states.ts and cases.actions.ts). */
    async act(ctx: RequestContext, id: string, action: CaseAction, body: CaseActionBody): Promise<CaseView> {
      const row = await loadReadable(ctx, id)
      checkTransition(row, action, body)
      if (!mayAct(ctx.actor, action, caseFacts(row)))
        throw forbidden('case.forbidden', `You may not ${action} this case`)
      await apply(ctx, row, action, body, roleOf(ctx.actor, ACTIONS[action].permission))
      return view(ctx, id)
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

    /** Open cases like the one about to be reported, near its point: join one instead ("me too"). */
    async nearby(ctx: RequestContext, q: { categoryCode: string; lng: number; lat: number }) {
      if (!holdsAnywhere(ctx.actor, 'case.report') && !holdsAnywhere(ctx.actor, 'case.read'))
        throw forbidden('auth.forbidden', 'You may not report events')
      return nearbyFor(ctx, await nearby(q.categoryCode, q.lng, q.lat))
    },

    /** "Me too" 附议: the caller follows an open case instead of reporting it again, and is told when it closes. */
    async follow(ctx: RequestContext, id: string): Promise<{ following: boolean; followers: number }> {
      const actor = ctx.actor
      if (actor?.type !== 'user' || !holdsAnywhere(actor, 'case.report'))
        throw forbidden('auth.forbidden', 'Sign in as someone who may report events to follow one')
      const row = await casesRepo.find(db, id)
      if (!row || !CASE_STATES[row.state as CaseState]?.open || !(await mayFollow(ctx, id)))
        throw notFound('case.not_found', `No open case ${id}`)
      await inTransaction(deps, async (tx) => {
        if (await casesRepo.follow(tx, id, `user:${actor.id}`, actor.id))
          await recordAudit(tx, ctx, { action: 'case.follow', resourceType: 'case', resourceId: row.no })
      })
      return { following: true, followers: (await casesRepo.followerUsers(db, id)).length }
    },

    /** The category tree with filing standards, and the hotline request natures, for forms and configuration. */
    async categories(ctx: RequestContext) {
      if (!holdsAnywhere(ctx.actor, 'case.read') && !holdsAnywhere(ctx.actor, 'case.report'))
        throw forbidden('auth.forbidden', 'You may not view event categories')
      const rows = await casesRepo.categories(db)
      return {
        categories: rows.map((r) => ({
          code: r.code,
          catalogue: r.catalogue,
          parentCode: r.parent_code,
          zh: r.name_zh,
          en: r.name_en,
          active: r.active,
          standard: r.standard,
        })),
        natures: REQUEST_NATURES.map((n) => ({ key: n.key, zh: n.zh, en: n.en })),
      }
    },

    /** The monthly indicators over a period, by grid child, department, category, state or month. */
    async stats(
      ctx: RequestContext,
      q: { from: Date; to: Date; grid?: string; department?: string; category?: string; groupBy: StatsGroup },
    ) {
      if (!holdsAnywhere(ctx.actor, 'case.read'))
        throw forbidden('auth.forbidden', 'You may not view event statistics')
      const gridPath = q.grid ? (await grids.current(ctx, q.grid)).path : undefined
      const department = q.department ? await casesRepo.departmentByCode(db, q.department) : undefined
      if (q.department && !department)
        throw badRequest('case.unknown_department', `No department ${q.department}`)
      const rows = await caseStats(
        db,
        {
          from: q.from,
          to: q.to,
          gridPath,
          departmentId: department?.id,
          category: q.category,
          groupBy: q.groupBy,
        },
        readScope(ctx.actor),
      )
      return { from: q.from.toISOString(), to: q.to.toISOString(), groupBy: q.groupBy, rows }
    },

    async list(ctx: RequestContext, q: z.infer<typeof CaseListQuerySchema>) {
      const actor = ctx.actor
      const now = clock()
      const rows = await casesRepo.list(db, {
        states:
          q.queue && QUEUES[q.queue]
            ? [...(QUEUES[q.queue] as CaseState[])]
            : q.state
              ? [q.state]
              : undefined,
        unowned: q.queue === 'no_handler',
        supervised: q.queue === 'supervised',
        overdueAt: q.queue === 'overdue' ? now : undefined,
        category: q.category,
        limit: q.limit,
        cursor: q.cursor,
        ...readScope(actor),
        reporterId: actor?.type === 'user' ? actor.id : null,
      })
      const last = rows.at(-1)
      return {
        items: rows.map((r) => toCaseSummary(r, calendar, now)),
        nextCursor: rows.length === q.limit && last ? last.id : null,
      }
    },
  }
}

export type CasesService = ReturnType<typeof createCasesService>
