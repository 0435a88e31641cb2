import type { z } from 'zod'
import type { RequestContext } from '../../../lib/context'
import { badRequest, conflict, forbidden, notFound } from '../../../lib/problem'
import { sqlStateOf } from '../../../lib/safe-error'
import { inTransaction, type ServiceDeps } from '../../../lib/service'
import { recordAudit } from '../../audit/audit.service'
import { isLocalExtension } from '../categories/catalogue.local'
import { neverPublic } from '../categories/categories.public'
import { syncCategories } from '../categories/categories.sync'
import type { CategoryDef, FilingStandard } from '../categories/categories.types'
import { type ClassProblem, changedFields, checkClass, isBigClass, toDef } from './config.categories'
import { mayConfigureCatalogue } from './config.policy'
import { SHIPPED, toCategoryConfig } from './config.presenter'
import { type CategoryConfigRow, configRepo } from './config.repo'
import type { CategoryConfig, CategoryCreateBodySchema, CategoryPatchBodySchema } from './config.schema'

type CategoryPatch = z.infer<typeof CategoryPatchBodySchema>
type CategoryCreate = z.infer<typeof CategoryCreateBodySchema>

const invalid = (code: string, problems: ClassProblem[]) =>
  badRequest(
    'category.invalid',
    `Category ${code} breaks the catalogue rules: ${problems.map((p) => p.kind).join(', ')}`,
    { problems },
  )

/**
 * The categories and their filing standards as data 数据而非代码: edited, extended locally, reset to
 * the shipped version. Every change is audited in its transaction.
 */
export function createCategoriesConfig(deps: ServiceDeps) {
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
      const changed = changedFields(row, next)
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
  }
}
