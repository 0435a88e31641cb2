import type { RequestContext } from '../../../lib/context'
import { badRequest, forbidden, notFound } from '../../../lib/problem'
import { inTransaction } from '../../../lib/service'
import { recordAudit } from '../../audit/audit.service'
import type { LedgerDeps } from '../ledgers.deps'
import { ledgerSubtrees, mayReadLedger, mayWriteLedger } from '../ledgers.policy'
import { linksRepo, type SubjectType } from './links.repo'

/**
 * Which records an event concerns 事件关联对象: a person, a room or an organisation of the ledgers,
 * linked by a writer of the record's grid to an event of their grids (by its number). The person's
 * profile lists the events linked to them.
 */
export function createLinksService(deps: LedgerDeps) {
  const { db } = deps

  async function resolve(ctx: RequestContext, type: SubjectType, id: string, caseNo: string) {
    const path = await linksRepo.subjectPath(db, type, id)
    if (!path || !mayReadLedger(ctx.actor, path)) throw notFound('ledger.not_found', 'No such record')
    if (!mayWriteLedger(ctx.actor, path))
      throw forbidden('ledger.out_of_scope', 'You may not change records here')
    const caseId = await linksRepo.caseIn(db, caseNo, ledgerSubtrees(ctx.actor, 'ledger.write'))
    if (!caseId) throw badRequest('ledger.case_not_found', `No event ${caseNo} in your grids`)
    return caseId
  }

  return {
    async link(ctx: RequestContext, type: SubjectType, id: string, caseNo: string) {
      const caseId = await resolve(ctx, type, id, caseNo)
      await inTransaction(deps, async (tx) => {
        if (await linksRepo.link(tx, caseId, type, id))
          await recordAudit(tx, ctx, {
            action: 'ledger.case_link',
            resourceType: 'case',
            resourceId: caseNo,
            summary: { subjectType: type, subjectId: id },
          })
      })
    },

    async unlink(ctx: RequestContext, type: SubjectType, id: string, caseNo: string) {
      const caseId = await resolve(ctx, type, id, caseNo)
      await inTransaction(deps, async (tx) => {
        if (await linksRepo.unlink(tx, caseId, type, id))
          await recordAudit(tx, ctx, {
            action: 'ledger.case_unlink',
            resourceType: 'case',
            resourceId: caseNo,
            summary: { subjectType: type, subjectId: id },
          })
      })
    },
  }
}

export type LinksService = ReturnType<typeof createLinksService>
