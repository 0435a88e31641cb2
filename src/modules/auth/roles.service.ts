import { type RequestContext, ROOT_SCOPE } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { badRequest, conflict, forbidden, notFound } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import { holdsAnywhere, may, mayGrant, mixesDuties } from './auth.policy'
import { toRoleView } from './auth.presenter'
import type { RoleView } from './auth.schema'
import { builtinRoles, isPermission, PERMISSIONS } from './permissions'
import { rolesRepo } from './roles.repo'

/**
 * Known permissions only, never two administrators' duties in one role (unless merged), and only
 * permissions the actor holds, except for the security administrator (`grant.manage` over the whole
 * deployment), whose duty is defining roles it does not itself use.
 */
function checkPermissions(ctx: RequestContext, permissions: string[], mergedAdminRoles: boolean) {
  const unknown = permissions.filter((p) => !isPermission(p))
  if (unknown.length > 0)
    throw badRequest('role.unknown_permission', `Unknown permissions: ${unknown.join(', ')}`, { unknown })
  if (!mergedAdminRoles && mixesDuties(permissions))
    throw forbidden('auth.duties_conflict', 'A role may not carry two administrators’ duties')
  if (may(ctx.actor, 'grant.manage')) return
  if (!mayGrant(ctx.actor, 'role.manage', permissions, ROOT_SCOPE)) {
    throw forbidden('auth.grant_exceeds_own', 'A role may only hold permissions you hold yourself')
  }
}

export function createRolesService(deps: ServiceDeps, mergedAdminRoles = false) {
  const { db } = deps
  const mustManage = (ctx: RequestContext) => {
    if (!may(ctx.actor, 'role.manage')) throw forbidden('auth.forbidden', 'You may not define roles')
  }
  async function editable(id: string) {
    const role = await rolesRepo.find(db, id)
    if (!role) throw notFound('role.not_found', 'No such role')
    if (role.builtin) throw conflict('role.builtin', `The built-in role ${role.key} cannot be changed`)
    return role
  }

  return {
    permissions() {
      return Object.entries(PERMISSIONS).map(([key, names]) => ({ key, ...names }))
    },

    async list(ctx: RequestContext): Promise<RoleView[]> {
      const canSee = ['user.read', 'user.manage', 'role.manage', 'apikey.manage', 'grant.manage'] as const
      if (!canSee.some((p) => holdsAnywhere(ctx.actor, p)))
        throw forbidden('auth.forbidden', 'You may not view roles')
      return (await rolesRepo.list(db)).map(toRoleView)
    },

    async create(
      ctx: RequestContext,
      body: { key: string; nameZh: string; nameEn: string; permissions: string[] },
    ) {
      mustManage(ctx)
      checkPermissions(ctx, body.permissions, mergedAdminRoles)
      if (await rolesRepo.findByKey(db, body.key))
        throw conflict('role.key_taken', `The role key ${body.key} is taken`)
      const role = await inTransaction(deps, async (tx) => {
        const saved = await rolesRepo.insert(tx, {
          id: uuidv7(),
          ...body,
          permissions: [...new Set(body.permissions)],
        })
        await recordAudit(tx, ctx, {
          action: 'role.create',
          resourceType: 'role',
          resourceId: saved.id,
          summary: body,
        })
        return saved
      })
      return toRoleView(role)
    },

    async update(
      ctx: RequestContext,
      id: string,
      patch: { nameZh?: string; nameEn?: string; permissions?: string[] },
    ) {
      mustManage(ctx)
      const before = await editable(id)
      if (patch.permissions) checkPermissions(ctx, patch.permissions, mergedAdminRoles)
      const role = await inTransaction(deps, async (tx) => {
        const widened = patch.permissions
        if (widened && !mergedAdminRoles) {
          // The role's holders (and its keys' creators) must not end up with two duties.
          const reached = await rolesRepo.peopleReached(tx, id)
          if (reached.some((p) => mixesDuties([...p.holds, ...widened])))
            throw forbidden(
              'auth.duties_conflict',
              'A holder of this role would carry two administrators’ duties',
            )
        }
        const saved = await rolesRepo.update(tx, id, {
          ...patch,
          permissions: patch.permissions ? [...new Set(patch.permissions)] : undefined,
        })
        await recordAudit(tx, ctx, {
          action: 'role.update',
          resourceType: 'role',
          resourceId: id,
          summary: {
            before: { nameZh: before.nameZh, nameEn: before.nameEn, permissions: before.permissions },
            after: patch,
          },
        })
        return saved
      })
      if (!role) throw notFound('role.not_found', 'No such role')
      return toRoleView(role)
    },

    async remove(ctx: RequestContext, id: string): Promise<void> {
      mustManage(ctx)
      const role = await editable(id)
      if (await rolesRepo.inUse(db, id))
        throw conflict('role.in_use', `The role ${role.key} is still granted or named by an API key`)
      await inTransaction(deps, async (tx) => {
        await rolesRepo.delete(tx, id)
        await recordAudit(tx, ctx, {
          action: 'role.delete',
          resourceType: 'role',
          resourceId: id,
          summary: { key: role.key },
        })
      })
    },
  }
}

/** Brings the built-in roles in line with the code (run at start-up, idempotent). */
export async function syncBuiltinRoles(deps: ServiceDeps, mergedAdminRoles = false): Promise<void> {
  for (const r of builtinRoles(mergedAdminRoles)) {
    // On conflict the key's row keeps its id; the fresh id is used only for a new role.
    await rolesRepo.upsert(deps.db, {
      id: uuidv7(),
      key: r.key,
      nameZh: r.zh,
      nameEn: r.en,
      permissions: [...r.permissions],
      builtin: true,
    })
  }
}
