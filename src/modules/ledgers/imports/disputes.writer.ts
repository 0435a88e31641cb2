import { uuidv7 } from '../../../lib/ids'
import { recordAudit } from '../../audit/audit.service'
import type { DisputeRecord } from '../disputes/disputes.fields'
import { disputesImportRepo } from '../disputes/disputes.import.repo'
import { type DisputeWrite, disputesRepo } from '../disputes/disputes.repo'
import type { LedgerDeps } from '../ledgers.deps'
import { ledgerSubtrees } from '../ledgers.policy'
import { peopleLookup } from '../people/people.lookup'
import type { ImportItem, RowOutcome, SheetWriter } from './imports.writer'

/**
 * Disputes 矛盾纠纷: a dispute has no number of its own, so every row records one. Checked as the
 * disputes screen checks one (disputes.service.ts), within the importer's ledger.write grids: the event
 * named by its number, and each party named by ID number on the people ledger there (the number is
 * looked up by its blind index and not kept: the dispute stores the person's id). Audited per dispute.
 */
export function disputesWriter(
  deps: Pick<LedgerDeps, 'fields'>,
): SheetWriter<DisputeRecord, ImportItem<DisputeRecord>> {
  const people = peopleLookup(deps.fields)
  return {
    prepare: (items) => [...items],
    async write(ex, ctx, items) {
      const within = ledgerSubtrees(ctx.actor, 'ledger.write')
      const cases = await disputesImportRepo.casesByNos(
        ex,
        items.flatMap((i) => (i.record.caseNo ? [i.record.caseNo] : [])),
        within,
      )
      const persons = await people.byIdNumbers(
        ex,
        items.flatMap((i) => i.record.partyIdNumbers.map((p) => p.idNumber)),
        within,
      )
      const outcomes: RowOutcome[] = []
      for (const { record: r, grid } of items) {
        const caseId = r.caseNo ? cases.get(r.caseNo) : null
        if (caseId === undefined) {
          outcomes.push({
            field: 'caseNo',
            code: 'ledger.case_not_found',
            message: `事件“${r.caseNo}”不存在或不在您的网格内`,
          })
          continue
        }
        const missing = r.partyIdNumbers.findIndex((p) => !persons.has(p.idNumber))
        if (missing >= 0) {
          outcomes.push({
            field: 'partyIdNumbers',
            code: 'ledger.person_not_found',
            message: `第${missing + 1}个证件号码的当事人不在您可维护的人口台账中，请先导入该人员`,
          })
          continue
        }
        const write: DisputeWrite = {
          gridId: grid.id,
          gridPath: grid.path,
          caseId,
          kind: r.kind,
          scale: r.scale,
          summary: r.summary,
          parties: [
            ...r.partyIdNumbers.map((p) => ({
              personId: persons.get(p.idNumber)?.id,
              ...(p.role ? { role: p.role } : {}),
            })),
            ...r.parties,
          ],
          mediationMethod: r.mediationMethod,
          mediator: r.mediator,
          deadline: r.deadline,
          outcome: r.outcome,
          resolvedOn: r.resolvedOn,
        }
        const id = uuidv7()
        await disputesRepo.insert(ex, id, write)
        await recordAudit(ex, ctx, {
          action: 'ledger.dispute_create',
          resourceType: 'dispute',
          resourceId: id,
          summary: {
            via: 'import',
            kind: r.kind,
            scale: r.scale,
            grid: r.gridCode,
            parties: write.parties.length,
          },
        })
        outcomes.push('created')
      }
      return outcomes
    },
  }
}
