import type { RequestContext } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { badRequest, conflict, forbidden, notFound } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import { departmentStaff } from '../auth/grants'
import type { GridsService } from '../grids/grids.service'
import { type DepartmentRow, departmentsRepo } from './departments.repo'
import { mayDefineDepartments, mayViewDepartmentStaff, mayViewDepartments } from './staff.policy'

const toView = (d: DepartmentRow) => ({
  id: d.id,
  code: d.code,
  name: d.name,
  contactPhone: d.contact_phone,
  parentCode: d.parent_code,
  kind: d.kind,
  grids: d.grids,
})

/** 职能部门: deployment-wide, so defining them needs grid.manage over the whole deployment. */
export function createDepartmentsService(deps: ServiceDeps, grids: GridsService) {
  const { db } = deps
  const mustManage = (ctx: RequestContext) => {
    if (!mayDefineDepartments(ctx.actor)) throw forbidden('auth.forbidden', 'You may not define departments')
  }

  return {
    async list(ctx: RequestContext) {
      if (!mayViewDepartments(ctx.actor)) {
        throw forbidden('auth.forbidden', 'You may not view departments')
      }
      return (await departmentsRepo.list(db)).map(toView)
    },

    async create(
      ctx: RequestContext,
      body: { code: string; name: string; contactPhone?: string; parentCode?: string; kind?: string },
    ) {
      mustManage(ctx)
      if (await departmentsRepo.findByCode(db, body.code))
        throw conflict('department.code_taken', `The code ${body.code} is taken`)
      const parent = body.parentCode ? await departmentsRepo.findByCode(db, body.parentCode) : undefined
      if (body.parentCode && !parent)
        throw badRequest('department.parent_not_found', `No department ${body.parentCode}`)
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
      return toView((await departmentsRepo.findByCode(db, body.code)) as DepartmentRow)
    },

    /** Its staff: users holding a role scoped to it (granted through the users API, scope `department`). */
    async staff(ctx: RequestContext, code: string) {
      if (!mayViewDepartmentStaff(ctx.actor)) {
        throw forbidden('auth.forbidden', 'You may not view department staff')
      }
      const department = await departmentsRepo.findByCode(db, code)
      if (!department) throw notFound('department.not_found', `No department ${code}`)
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
      const department = await departmentsRepo.findByCode(db, code)
      if (!department) throw notFound('department.not_found', `No department ${code}`)
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
      return toView((await departmentsRepo.findByCode(db, code)) as DepartmentRow)
    },
  }
}

export type DepartmentsService = ReturnType<typeof createDepartmentsService>
