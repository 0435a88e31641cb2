import type { RequestContext, Scope } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { badRequest, forbidden, notFound } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { newSecret, sha256Hex } from '../../lib/tokens'
import { recordAudit } from '../audit/audit.service'
import { apiKeysRepo } from './apikeys.repo'
import {
  holdsAnywhere,
  may,
  mayIssueKey,
  mixesDuties,
  scopeCovers,
  scopesFor,
  targetOfScope,
} from './auth.policy'
import { toApiKeyView } from './auth.presenter'
import type { ApiKeyView } from './auth.schema'
import { rolesRepo, scopeColumns, scopeOf } from './roles.repo'
import { API_KEY_PREFIX } from './session.service'

export function createApiKeysService(deps: ServiceDeps, mergedAdminRoles = false) {
  const { db } = deps

  return {
    /** Keys whose scope lies inside one where the actor manages keys. */
    async list(ctx: RequestContext): Promise<ApiKeyView[]> {
      if (!holdsAnywhere(ctx.actor, 'apikey.manage'))
        throw forbidden('auth.forbidden', 'You may not manage API keys')
      const manageScopes = scopesFor(ctx.actor, 'apikey.manage')
      return (await apiKeysRepo.list(db))
        .map((k) => toApiKeyView(k, scopeOf(k.scopeType, k.scopeGridPath, k.scopeDepartmentId)))
        .filter((k) => manageScopes.some((s) => scopeCovers(s, targetOfScope(k.scope))))
    },

    async create(
      ctx: RequestContext,
      body: { name: string; roleId: string; scope: Scope },
    ): Promise<ApiKeyView & { key: string }> {
      const role = await rolesRepo.find(db, body.roleId)
      if (!role) throw badRequest('role.not_found', 'No such role', { roleId: body.roleId })
      // A key acts for its issuer: it may not add another administrator's duty to the issuer's.
      const issuerHolds =
        ctx.actor?.type === 'system' ? [] : (ctx.actor?.grants ?? []).flatMap((g) => g.permissions)
      if (!mergedAdminRoles && mixesDuties([...issuerHolds, ...role.permissions]))
        throw forbidden('auth.duties_conflict', 'A key may not carry two administrators’ duties')
      if (!mayIssueKey(ctx.actor, role.permissions, body.scope)) {
        throw forbidden(
          'auth.grant_exceeds_own',
          `You may not issue a key with the role ${role.key} in this scope`,
        )
      }
      // Keys issued by a key belong to the person behind it, who stays unable to grant to themself.
      const createdBy = await apiKeysRepo.personBehind(db, ctx.actor)
      const key = newSecret(API_KEY_PREFIX)
      const saved = await inTransaction(deps, async (tx) => {
        const row = await apiKeysRepo.insert(tx, {
          id: uuidv7(),
          name: body.name,
          prefix: key.slice(0, 12),
          keyHash: sha256Hex(key),
          roleId: role.id,
          createdBy,
          ...scopeColumns(body.scope),
        })
        await recordAudit(tx, ctx, {
          action: 'apikey.create',
          resourceType: 'api_key',
          resourceId: row.id,
          summary: { name: body.name, role: role.key, scope: body.scope },
        })
        return row
      })
      return { ...toApiKeyView({ ...saved, roleKey: role.key }, body.scope), key }
    },

    async revoke(ctx: RequestContext, id: string): Promise<void> {
      const key = await apiKeysRepo.find(db, id)
      if (!key) throw notFound('apikey.not_found', 'No such API key')
      const scope = scopeOf(key.scopeType, key.scopeGridPath, key.scopeDepartmentId)
      if (!may(ctx.actor, 'apikey.manage', targetOfScope(scope)))
        throw forbidden('auth.forbidden', 'You may not revoke this key')
      await inTransaction(deps, async (tx) => {
        await apiKeysRepo.revoke(tx, id)
        await recordAudit(tx, ctx, {
          action: 'apikey.revoke',
          resourceType: 'api_key',
          resourceId: id,
          summary: { name: key.name },
        })
      })
    },
  }
}
