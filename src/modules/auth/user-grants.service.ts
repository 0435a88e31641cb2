import type { Tx } from '../../db/database'
import type { RequestContext, Scope } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { badRequest, conflict, notFound } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import { mixesDuties } from './auth.policy'
import type { UserView } from './auth.schema'
import { type GrantView, grantsRepo, rolesRepo, scopeColumns, toGrants } from './roles.repo'
import {
  actingUserId,
  describeScope,
  dutiesConflict,
  type UserAccess,
  type UsersSettings,
} from './users.access'
import { usersRepo } from './users.repo'

/** A user's grants: given and taken back by their managers, or with a post (see staff/). */
export function createUserGrantsService(deps: ServiceDeps, settings: UsersSettings, access: UserAccess) {
  const { view, load, assignable, checkGrantable } = access

  return {
    async grant(ctx: RequestContext, id: string, roleId: string, scope: Scope): Promise<UserView> {
      const { grants: existing } = await load(id)
      const role = await checkGrantable(ctx, roleId, scope, { userId: id, grants: toGrants(existing) })
      await assignable(ctx, id, { permissions: role.permissions, scope })
      if (existing.some((g) => g.roleId === roleId && JSON.stringify(g.scope) === JSON.stringify(scope))) {
        throw conflict('role.grant_exists', 'The user already holds this role in this scope')
      }
      await inTransaction(deps, async (tx) => {
        // Two grants at once each checked the old holdings: the second one waits here and checks again.
        await usersRepo.lock(tx, id)
        const held = await grantsRepo.ofUser(tx, id)
        if (
          !settings.mergedAdminRoles &&
          mixesDuties([...held.flatMap((g) => g.permissions), ...role.permissions])
        )
          throw dutiesConflict()
        const grantId = uuidv7()
        await grantsRepo.insert(tx, {
          id: grantId,
          userId: id,
          roleId,
          grantedBy: actingUserId(ctx),
          ...scopeColumns(scope),
        })
        await recordAudit(tx, ctx, {
          action: 'role.grant',
          resourceType: 'user',
          resourceId: id,
          summary: { grantId, role: role.key, ...describeScope(scope) },
        })
      })
      return view(id)
    },

    /**
     * The grant that comes with a post (see staff/): checked like any grant, written in the caller's
     * transaction. A user already holding the role there keeps that grant; its id is returned.
     */
    async grantForPost(
      tx: Tx,
      ctx: RequestContext,
      userId: string,
      roleKey: string,
      scope: Scope,
    ): Promise<string> {
      if (!(await usersRepo.find(tx, userId))) throw badRequest('user.not_found', 'No such user', { userId })
      const role = await rolesRepo.findByKey(tx, roleKey)
      if (!role) throw new Error(`built-in role ${roleKey} is missing`)
      await usersRepo.lock(tx, userId)
      const held = await grantsRepo.ofUser(tx, userId)
      await checkGrantable(ctx, role.id, scope, { userId, grants: toGrants(held) }, tx)
      const existing = held.find(
        (g) => g.roleId === role.id && JSON.stringify(g.scope) === JSON.stringify(scope),
      )
      if (existing) return existing.id
      const grantId = uuidv7()
      await grantsRepo.insert(tx, {
        id: grantId,
        userId,
        roleId: role.id,
        grantedBy: actingUserId(ctx),
        ...scopeColumns(scope),
      })
      await recordAudit(tx, ctx, {
        action: 'role.grant',
        resourceType: 'user',
        resourceId: userId,
        summary: { grantId, role: role.key, ...describeScope(scope), reason: 'post' },
      })
      return grantId
    },

    /** Takes back the grant of a post that ends, in the caller's transaction. */
    async revokeGrantForPost(tx: Tx, ctx: RequestContext, userId: string, grantId: string): Promise<void> {
      await grantsRepo.delete(tx, grantId)
      await recordAudit(tx, ctx, {
        action: 'role.revoke_grant',
        resourceType: 'user',
        resourceId: userId,
        summary: { grantId, reason: 'post' },
      })
    },

    async revokeGrant(ctx: RequestContext, id: string, grantId: string): Promise<void> {
      const { grants } = await load(id)
      const grant: GrantView | undefined = grants.find((g) => g.id === grantId)
      if (!grant) throw notFound('role.grant_not_found', 'No such grant for this user')
      await assignable(ctx, id, grant)
      await inTransaction(deps, async (tx) => {
        await grantsRepo.delete(tx, grantId)
        await recordAudit(tx, ctx, {
          action: 'role.revoke_grant',
          resourceType: 'user',
          resourceId: id,
          summary: { grantId, role: grant.roleKey, ...describeScope(grant.scope) },
        })
      })
    },
  }
}
