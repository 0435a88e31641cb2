import type { RequestContext } from '../../../lib/context'
import { badRequest, forbidden, notFound } from '../../../lib/problem'
import { inTransaction } from '../../../lib/service'
import { recordPersonalDataRead } from '../../audit/audit.personal-data'
import { recordAudit } from '../../audit/audit.service'
import { type CaseFacts, mayReadAsStaff } from '../../cases/cases.policy'
import type { CaseState } from '../../cases/cases.states'
import type { LedgerDeps } from '../ledgers.deps'
import { ledgerSubtrees, mayReadLedger, mayWriteLedger } from '../ledgers.policy'
import { peopleStore } from '../people/people.store'
import { toCaseSubject } from './links.presenter'
import { type LinkedCaseRow, linksRepo, type SubjectType } from './links.repo'

const facts = (c: LinkedCaseRow): CaseFacts => ({
  state: c.state as CaseState,
  suspendedFrom: c.suspended_from as CaseState | null,
  gridPath: c.grid_path ?? '',
  ownerPath: c.owner_path ?? '',
  departmentId: c.department_id,
  participants: c.participants,
  reporterId: c.reporter_id,
  selfHandle: false,
})

/**
 * Which records an event concerns 事件关联对象: a person, a room or an organisation of the ledgers,
 * linked by a writer of the record's grid to an event of their grids (by its number). The person's
 * profile lists the events linked to them; the event's page lists the records of the reader's grids.
 */
export function createLinksService(deps: LedgerDeps) {
  const { db } = deps
  const { sealer } = peopleStore(deps.fields)

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
    /**
     * The records this event concerns that lie in the reader's ledger grids, masked (the others are
     * not counted); an event the reader may not read as staff answers 404.
     */
    async listForCase(ctx: RequestContext, caseNo: string) {
      const c = await linksRepo.caseByNo(db, caseNo)
      if (!c || !mayReadAsStaff(ctx.actor, facts(c)))
        throw notFound('ledger.case_not_found', `No event ${caseNo} you may read`)
      const rows = await linksRepo.subjectsOf(db, c.id, ledgerSubtrees(ctx.actor, 'ledger.read'))
      const people = rows.filter((r) => r.type === 'person')
      await recordPersonalDataRead(db, ctx, {
        subjectType: 'person',
        subjectIds: people.map((r) => r.id),
        purpose: 'ledger.case_links',
        fields: ['name', 'idNumber'],
        masked: true,
      })
      const mayLink = c.grid_path !== null && mayWriteLedger(ctx.actor, c.grid_path)
      return {
        items: rows.map((r) =>
          toCaseSubject(
            r,
            r.type === 'person' ? sealer.open('id_number_sealed', r.id, r.id_number_sealed) : null,
            mayLink && mayWriteLedger(ctx.actor, r.grid_path),
          ),
        ),
        mayLink,
      }
    },

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
