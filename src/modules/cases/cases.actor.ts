import type { Db } from '../../db/database'
import type { Actor, RequestContext } from '../../lib/context'
import { notFound } from '../../lib/problem'
import { may, scopesFor } from '../auth/auth.policy'
import type { Permission } from '../auth/permissions'
import { caseFacts, mayReadCase } from './cases.policy'
import { type CaseRow, casesRepo, type ReadScope } from './cases.repo'

/** Where the actor's case.read grants reach, for the list and statistics filters. */
export function readScope(actor: Actor | null): ReadScope {
  const scopes = scopesFor(actor, 'case.read')
  return {
    within: may(actor, 'case.read') ? null : scopes.flatMap((s) => (s.type === 'grid' ? [s.path] : [])),
    departments: scopes.flatMap((s) => (s.type === 'department' ? [s.id] : [])),
  }
}

/** The role an actor acts in, for the timeline: the first grant holding the permission. */
export function roleOf(actor: Actor | null, permission: Permission): string {
  if (!actor) return 'anonymous'
  if (actor.type === 'api_key') return 'integration'
  return (
    actor.grants.find((g) => g.permissions.includes(permission) || g.permissions.includes('*'))?.roleKey ??
    'user'
  )
}

/** A case the caller may read; someone who may not read it is not told it exists. */
export async function loadReadable(db: Db, ctx: RequestContext, id: string): Promise<CaseRow> {
  const row = await casesRepo.find(db, id)
  if (!row || !mayReadCase(ctx.actor, caseFacts(row))) throw notFound('case.not_found', `No case ${id}`)
  return row
}
