import type { z } from 'zod'
import type { RequestContext } from '../../../lib/context'
import { uuidv7 } from '../../../lib/ids'
import { badRequest, conflict, forbidden, notFound } from '../../../lib/problem'
import { sqlStateOf } from '../../../lib/safe-error'
import { inTransaction, type ServiceDeps } from '../../../lib/service'
import { recordAudit } from '../../audit/audit.service'
import type { GridsService } from '../../grids/grids.service'
import type { DayKind } from '../calendar/calendar'
import { DEFAULT_CATEGORIES } from '../categories/catalogue'
import { isLocalExtension } from '../categories/catalogue.local'
import { neverPublic, publicByDefault } from '../categories/categories.public'
import { syncCategories } from '../categories/categories.sync'
import type { CategoryDef, FilingStandard } from '../categories/categories.types'
import { type ClassProblem, changedParts, checkClass, isBigClass, toDef } from './config.categories'
import {
  mayConfigureCalendar,
  mayConfigureCatalogue,
  mayReadCalendar,
  mayRoute,
  mayRouteAnywhere,
  routingSubtrees,
} from './config.policy'
import { type CategoryConfigRow, configRepo, type RouteRow } from './config.repo'
import type {
  CategoryConfig,
  CategoryCreateBodySchema,
  CategoryPatchBodySchema,
  RouteCreateBodySchema,
} from './config.schema'
import { daysInForce, type LiveCalendar } from './live-calendar'

type CategoryPatch = z.infer<typeof CategoryPatchBodySchema>
type CategoryCreate = z.infer<typeof CategoryCreateBodySchema>
type RouteCreate = z.infer<typeof RouteCreateBodySchema>
type Level = 'grid' | 'community' | 'street' | 'district'

const SHIPPED = new Map(DEFAULT_CATEGORIES.map((c) => [c.code, c]))

function toCategoryConfig(row: CategoryConfigRow): CategoryConfig {
  const shipped = SHIPPED.get(row.code)
  return {
    code: row.code,
    catalogue: row.catalogue,
    parentCode: row.parent_code,
    zh: row.name_zh,
    en: row.name_en,
    active: row.active,
    public: row.is_public,
    edited: row.edited,
    local: isLocalExtension(row.code),
    standard: row.standard,
    shipped: shipped
      ? {
          zh: shipped.zh,
          en: shipped.en,
          public: publicByDefault(shipped),
          standard: shipped.standard ?? null,
        }
      : null,
    // Raw statements answer timestamps as text on some drivers.
    updatedAt: new Date(row.updated_at),
  }
}

function toRoute(row: RouteRow) {
  return {
    id: row.id,
    gridCode: row.grid_code,
    gridName: row.grid_name,
    gridRetired: row.grid_retired,
    categoryPrefix: row.category_prefix,
    categoryZh: row.category_zh,
    categoryEn: row.category_en,
    departmentCode: row.department_code,
    departmentName: row.department_name,
    level: row.level as Level | null,
    createdAt: new Date(row.created_at),
  }
}

const invalid = (code: string, problems: ClassProblem[]) =>
  badRequest(
    'category.invalid',
    `Category ${code} breaks the catalogue rules: ${problems.map((p) => p.kind).join(', ')}`,
    { problems },
  )

/**
 * Configuration of the event loop as data 数据而非代码: the categories and their filing standards,
 * the routing table, and the working calendar's own days. Every change is audited in its
 * transaction; calendar changes reach this node's case clocks at once (see live-calendar.ts).
 */
export function createCaseConfigService(deps: ServiceDeps, grids: GridsService, calendar: LiveCalendar) {
  const { db } = deps

  const mustConfigure = (ctx: RequestContext) => {
    if (!mayConfigureCatalogue(ctx.actor))
      throw forbidden(
        'auth.forbidden',
        'Configuring categories needs case.configure over the whole deployment',
      )
  }

  async function found(code: string): Promise<CategoryConfigRow> {
    const row = await configRepo.category(db, code)
    if (!row) throw notFound('category.not_found', `No category ${code}`)
    return row
  }

  /** `public: true` on a class about persons would list where and when someone was seen. */
  function mayBePublic(def: Pick<CategoryDef, 'code' | 'catalogue'>, wanted: boolean | undefined) {
    if (wanted && neverPublic(def))
      throw badRequest(
        'category.never_public',
        `${def.code} concerns persons (social governance, 09001, 09003): its cases are never listed publicly`,
      )
  }

  async function check(candidate: CategoryDef, extra: ClassProblem[] = []) {
    const current = (await configRepo.categories(db)).map(toDef)
    const problems = [...extra, ...checkClass(current, candidate)]
    if (problems.length > 0) throw invalid(candidate.code, problems)
  }

  return {
    async category(ctx: RequestContext, code: string): Promise<CategoryConfig> {
      mustConfigure(ctx)
      return toCategoryConfig(await found(code))
    },

    /** Edits a class: names, and for a small class its active flag and standard; marks it edited. */
    async updateCategory(ctx: RequestContext, code: string, body: CategoryPatch): Promise<CategoryConfig> {
      mustConfigure(ctx)
      const row = await found(code)
      mayBePublic(row, body.public)
      const big = isBigClass(code)
      const extra: ClassProblem[] = []
      if (big && body.active !== undefined) extra.push({ kind: 'big_class_active', code })
      const next = {
        name_zh: body.zh ?? row.name_zh,
        name_en: body.en ?? row.name_en,
        active: big ? row.active : (body.active ?? row.active),
        is_public: body.public ?? row.is_public,
        standard: (body.standard as FilingStandard | undefined) ?? row.standard,
      }
      await check(
        {
          ...toDef(row),
          zh: next.name_zh,
          en: next.name_en,
          ...(next.standard ? { standard: next.standard } : {}),
        },
        extra,
      )
      const changed = [
        ...(next.name_zh !== row.name_zh ? ['zh'] : []),
        ...(next.name_en !== row.name_en ? ['en'] : []),
        ...(next.active !== row.active ? ['active'] : []),
        ...(next.is_public !== row.is_public ? ['public'] : []),
        ...changedParts(row.standard, next.standard),
      ]
      await inTransaction(deps, async (tx) => {
        await configRepo.updateCategory(tx, code, next)
        await recordAudit(tx, ctx, {
          action: 'category.update',
          resourceType: 'category',
          resourceId: code,
          summary: { changed, active: next.active, public: next.is_public },
        })
      })
      return toCategoryConfig(await found(code))
    },

    /** Adds a local extension class 扩展事件 in a reserved range. */
    async createCategory(ctx: RequestContext, body: CategoryCreate): Promise<CategoryConfig> {
      mustConfigure(ctx)
      if (!isLocalExtension(body.code))
        throw badRequest(
          'category.not_local',
          `${body.code} is not in a local extension range (big classes 90–99, small classes xx900–xx999)`,
        )
      if (await configRepo.category(db, body.code))
        throw conflict('category.code_taken', `The code ${body.code} is taken`)
      const big = isBigClass(body.code)
      const parent = big ? undefined : await configRepo.category(db, body.code.slice(0, 2))
      const catalogue = body.catalogue ?? parent?.catalogue
      mayBePublic({ code: body.code, catalogue: catalogue ?? 'city' }, body.public)
      const extra: ClassProblem[] = big && !catalogue ? [{ kind: 'missing_catalogue', code: body.code }] : []
      const standard = (body.standard as FilingStandard | undefined) ?? null
      await check(
        {
          code: body.code,
          catalogue: catalogue ?? 'city',
          zh: body.zh,
          en: body.en,
          ...(standard ? { standard } : {}),
        },
        extra,
      )
      try {
        await inTransaction(deps, async (tx) => {
          await configRepo.insertCategory(tx, {
            code: body.code,
            catalogue: catalogue ?? 'city',
            parent_code: big ? null : body.code.slice(0, 2),
            name_zh: body.zh,
            name_en: body.en,
            active: body.active,
            is_public: body.public,
            standard,
          })
          await recordAudit(tx, ctx, {
            action: 'category.create',
            resourceType: 'category',
            resourceId: body.code,
            summary: { catalogue, active: body.active, public: body.public },
          })
        })
      } catch (error) {
        if (sqlStateOf(error) === '23505')
          throw conflict('category.code_taken', `The code ${body.code} is taken`)
        throw error
      }
      return toCategoryConfig(await found(body.code))
    },

    /** Back to the shipped version: no longer edited, active, and synced again at once. */
    async resetCategory(ctx: RequestContext, code: string): Promise<CategoryConfig> {
      mustConfigure(ctx)
      const row = await found(code)
      if (!SHIPPED.has(code))
        throw badRequest('category.not_shipped', `${code} is a local class: there is no shipped version`)
      await inTransaction(deps, async (tx) => {
        await configRepo.unmarkEdited(tx, code)
        // The one statement that writes shipped classes; it skips edited rows, this one no longer is.
        await syncCategories(tx)
        await recordAudit(tx, ctx, {
          action: 'category.reset',
          resourceType: 'category',
          resourceId: code,
          summary: { wasEdited: row.edited, wasActive: row.active },
        })
      })
      return toCategoryConfig(await found(code))
    },

    async routes(ctx: RequestContext) {
      if (!mayRouteAnywhere(ctx.actor))
        throw forbidden('auth.forbidden', 'Routing rules need case.configure or grid.manage')
      return (await configRepo.routes(db, routingSubtrees(ctx.actor))).map(toRoute)
    },

    async createRoute(ctx: RequestContext, body: RouteCreate) {
      if (!mayRouteAnywhere(ctx.actor))
        throw forbidden('auth.forbidden', 'Routing rules need case.configure or grid.manage')
      const grid = await grids.current(ctx, body.gridCode)
      if (!mayRoute(ctx.actor, grid.path))
        throw forbidden('grid.out_of_scope', `You may not route events in grid ${grid.code}`)
      if (body.categoryPrefix !== '' && !(await configRepo.category(db, body.categoryPrefix)))
        throw badRequest('route.unknown_category', `No category ${body.categoryPrefix}`)
      const department = body.department ? await configRepo.departmentByCode(db, body.department) : undefined
      if (body.department && !department)
        throw badRequest('route.unknown_department', `No department ${body.department}`)
      const exists = () =>
        conflict(
          'route.exists',
          `Grid ${grid.code} already has a rule for ${body.categoryPrefix || 'every category'}: delete it first`,
        )
      if (await configRepo.routeExists(db, grid.path, body.categoryPrefix)) throw exists()
      const id = uuidv7()
      try {
        await inTransaction(deps, async (tx) => {
          await configRepo.insertRoute(tx, {
            id,
            grid_path: grid.path,
            category_prefix: body.categoryPrefix,
            department_id: department?.id ?? null,
            level: body.level ?? null,
          })
          await recordAudit(tx, ctx, {
            action: 'route.create',
            resourceType: 'case_route',
            resourceId: id,
            summary: {
              grid: grid.code,
              category: body.categoryPrefix,
              department: body.department ?? null,
              level: body.level ?? null,
            },
          })
        })
      } catch (error) {
        if (sqlStateOf(error) === '23505') throw exists()
        throw error
      }
      return toRoute((await configRepo.route(db, id)) as RouteRow)
    },

    async deleteRoute(ctx: RequestContext, id: string): Promise<void> {
      if (!mayRouteAnywhere(ctx.actor))
        throw forbidden('auth.forbidden', 'Routing rules need case.configure or grid.manage')
      const row = await configRepo.route(db, id)
      // A rule outside the actor's subtrees is not theirs to know of.
      if (!row || !mayRoute(ctx.actor, row.grid_path))
        throw notFound('route.rule_not_found', `No routing rule ${id}`)
      await inTransaction(deps, async (tx) => {
        await configRepo.deleteRoute(tx, id)
        await recordAudit(tx, ctx, {
          action: 'route.delete',
          resourceType: 'case_route',
          resourceId: id,
          summary: {
            grid: row.grid_code,
            category: row.category_prefix,
            department: row.department_code,
            level: row.level,
          },
        })
      })
    },

    calendar(ctx: RequestContext, year: number) {
      if (!mayReadCalendar(ctx.actor)) throw forbidden('auth.forbidden', 'You may not view the calendar')
      const layers = calendar.layers()
      return {
        year,
        known: calendar.knowsYear(year),
        shifts: layers.shifts.map(([start, end]): [string, string] => [start, end]),
        days: daysInForce(layers, year),
      }
    },

    /** Sets a database day (over the shipped and file ones) and rebuilds this node's calendar. */
    async setDay(ctx: RequestContext, date: string, body: { kind: DayKind; name: string }) {
      if (!mayConfigureCalendar(ctx.actor))
        throw forbidden(
          'auth.forbidden',
          'Setting calendar days needs case.configure over the whole deployment',
        )
      const before = await configRepo.calendarDay(db, date)
      await inTransaction(deps, async (tx) => {
        await configRepo.setCalendarDay(tx, { date, ...body })
        await recordAudit(tx, ctx, {
          action: 'calendar.set_day',
          resourceType: 'calendar_day',
          resourceId: date,
          summary: { kind: body.kind, name: body.name, before: before ?? null },
        })
      })
      await calendar.reload()
      const day = daysInForce(calendar.layers(), Number(date.slice(0, 4))).find((d) => d.date === date)
      if (!day) throw new Error(`calendar day ${date} missing after it was set`)
      return day
    },

    /** Clears a database day: the shipped or file day, or the weekday rule, applies again. */
    async clearDay(ctx: RequestContext, date: string): Promise<void> {
      if (!mayConfigureCalendar(ctx.actor))
        throw forbidden(
          'auth.forbidden',
          'Clearing calendar days needs case.configure over the whole deployment',
        )
      const before = await configRepo.calendarDay(db, date)
      if (!before)
        throw notFound(
          'calendar.day_not_found',
          `No day ${date} was set through the API (shipped and file days are overridden, not cleared)`,
        )
      await inTransaction(deps, async (tx) => {
        await configRepo.deleteCalendarDay(tx, date)
        await recordAudit(tx, ctx, {
          action: 'calendar.clear_day',
          resourceType: 'calendar_day',
          resourceId: date,
          summary: { before },
        })
      })
      await calendar.reload()
    },
  }
}

export type CaseConfigService = ReturnType<typeof createCaseConfigService>
