import type { z } from 'zod'
import type { RequestContext } from '../../../lib/context'
import { uuidv7 } from '../../../lib/ids'
import { badRequest, conflict, forbidden, notFound } from '../../../lib/problem'
import { sqlStateOf } from '../../../lib/safe-error'
import { inTransaction, type ServiceDeps } from '../../../lib/service'
import { recordAudit } from '../../audit/audit.service'
import type { GridsService } from '../../grids/grids.service'
import { mayRoute, mayRouteAnywhere, routingSubtrees } from './config.policy'
import { toRoute } from './config.presenter'
import { configRepo, type RouteRow } from './config.repo'
import type { RouteCreateBodySchema } from './config.schema'

type RouteCreate = z.infer<typeof RouteCreateBodySchema>

/** The routing table 分拨规则: which department or level a category goes to under a grid. Audited. */
export function createRoutingConfig(deps: ServiceDeps, grids: GridsService) {
  const { db } = deps

  return {
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
  }
}
