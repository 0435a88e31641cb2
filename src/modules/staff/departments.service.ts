import type { RequestContext } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { badRequest, conflict, forbidden, notFound } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import { departmentStaff } from '../auth/grants'
import type { GridsService } from '../grids/grids.service'
import { type DepartmentChange, type DepartmentRow, departmentsRepo } from './departments.repo'
import type { DepartmentCreate, DepartmentUpdate } from './departments.schema'
import {
  departmentAbilities,
  mayDefineDepartments,
  mayViewDepartmentStaff,
  mayViewDepartments,
} from './staff.policy'

const toView = (d: DepartmentRow, ctx: RequestContext) => ({
  id: d.id,
  code: d.code,
  name: d.name,
  contactPhone: d.contact_phone,
  parentCode: d.parent_code,
  kind: d.kind,
  grids: d.grids,
  servedGrids: d.grids.map((code, i) => ({ code, name: d.grid_names[i] ?? code })),
  abilities: departmentAbilities(ctx.actor),
})

/** 职能部门: deployment-wide, so defining them needs grid.manage over the whole deployment. */
export function createDepartmentsService(deps: ServiceDeps, grids: GridsService) {
  const { db } = deps
  const mustManage = (ctx: RequestContext) => {
    if (!mayDefineDepartments(ctx.actor)) throw forbidden('auth.forbidden', 'You may not define departments')
  }
  const find = async (code: string) => {
    const department = await departmentsRepo.findByCode(db, code)
    if (!department) throw notFound('department.not_found', `No department ${code}`)
    return department
  }
  const parentOf = async (code: string) => {
    const parent = await departmentsRepo.findByCode(db, code)
    if (!parent) throw badRequest('department.parent_not_found', `No department ${code}`)
    return parent
  }
  const view = async (ctx: RequestContext, code: string) => toView(await find(code), ctx)

  return {
    async list(ctx: RequestContext) {
      if (!mayViewDepartments(ctx.actor)) {
        throw forbidden('auth.forbidden', 'You may not view departments')
      }
      return (await departmentsRepo.list(db)).map((d) => toView(d, ctx))
    },

    /** What the reader may do with departments as a whole: define new ones. */
    abilities(ctx: RequestContext): { abilities: 'create'[] } {
      return { abilities: mayDefineDepartments(ctx.actor) ? ['create'] : [] }
    },

    async create(ctx: RequestContext, body: DepartmentCreate) {
      mustManage(ctx)
      if (await departmentsRepo.findByCode(db, body.code))
        throw conflict('department.code_taken', `The code ${body.code} is taken`)
      const parent = body.parentCode ? await parentOf(body.parentCode) : undefined
      const id = uuidv7()
      await inTransaction(deps, async (tx) => {
        await departmentsRepo.insert(tx, {
          id,
          code: body.code,
          name: body.name,
          contactPhone: body.contactPhone ?? null,
          parentId: parent?.id ?? null,
          kind: body.kind ?? null,
        })
        await recordAudit(tx, ctx, {
          action: 'department.create',
          resourceType: 'department',
          resourceId: body.code,
        })
      })
      return view(ctx, body.code)
    },

    /** Changes the fields given; a department cannot sit under itself or under one below it. */
    async update(ctx: RequestContext, code: string, body: DepartmentUpdate) {
      mustManage(ctx)
      const department = await find(code)
      if (Object.keys(body).length === 0) return toView(department, ctx)
      const change: DepartmentChange = { name: body.name, contactPhone: body.contactPhone, kind: body.kind }
      if (body.parentCode === null) change.parentId = null
      if (body.parentCode) {
        const parent = await parentOf(body.parentCode)
        if (await departmentsRepo.isAtOrBelow(db, parent.id, department.id))
          throw badRequest('department.parent_cycle', `${code} cannot sit under ${body.parentCode}`)
        change.parentId = parent.id
      }
      const before = { name: department.name, parentCode: department.parent_code, kind: department.kind }
      const after = { name: body.name, parentCode: body.parentCode, kind: body.kind }
      await inTransaction(deps, async (tx) => {
        await departmentsRepo.update(tx, department.id, change)
        await recordAudit(tx, ctx, {
          action: 'department.update',
          resourceType: 'department',
          resourceId: code,
          summary: {
            fields: Object.keys(body),
            ...Object.fromEntries(
              (Object.keys(after) as (keyof typeof after)[])
                .filter((k) => after[k] !== undefined && after[k] !== before[k])
                .map((k) => [k, { from: before[k], to: after[k] }]),
            ),
          },
        })
      })
      return view(ctx, code)
    },

    /** Its staff: users holding a role scoped to it (granted through the users API, scope `department`). */
    async staff(ctx: RequestContext, code: string) {
      if (!mayViewDepartmentStaff(ctx.actor)) {
        throw forbidden('auth.forbidden', 'You may not view department staff')
      }
      const department = await find(code)
      return (await departmentStaff(db, department.id)).map((s) => ({
        userId: s.user_id,
        username: s.username,
        displayName: s.display_name,
        active: s.status === 'active',
        role: s.role,
        roleZh: s.role_zh,
        roleEn: s.role_en,
      }))
    },

    /** The department serves this grid (and so its subtree): dispatch and ledgers will use it. */
    async serve(ctx: RequestContext, code: string, gridCode: string) {
      mustManage(ctx)
      const department = await find(code)
      const grid = await grids.current(ctx, gridCode)
      await inTransaction(deps, async (tx) => {
        await departmentsRepo.serve(tx, department.id, grid.id)
        await recordAudit(tx, ctx, {
          action: 'department.serve',
          resourceType: 'department',
          resourceId: code,
          summary: { grid: grid.code },
        })
      })
      return view(ctx, code)
    },

    /** The department no longer serves this grid; one it did not serve is left as it was. */
    async unserve(ctx: RequestContext, code: string, gridCode: string) {
      mustManage(ctx)
      const department = await find(code)
      const grid = await grids.current(ctx, gridCode)
      await inTransaction(deps, async (tx) => {
        if (!(await departmentsRepo.unserve(tx, department.id, grid.id))) return
        await recordAudit(tx, ctx, {
          action: 'department.unserve',
          resourceType: 'department',
          resourceId: code,
          summary: { grid: grid.code },
        })
      })
      return view(ctx, code)
    },
  }
}

export type DepartmentsService = ReturnType<typeof createDepartmentsService>
