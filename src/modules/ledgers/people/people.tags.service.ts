import type { RequestContext } from '../../../lib/context'
import { uuidv7 } from '../../../lib/ids'
import { badRequest, conflict, forbidden, notFound } from '../../../lib/problem'
import { inTransaction } from '../../../lib/service'
import { recordAudit } from '../../audit/audit.service'
import type { LedgerDeps } from '../ledgers.deps'
import { ledgerSubtrees, mayWriteLedger } from '../ledgers.policy'
import { peopleRepo } from './people.repo'
import type { PeopleService } from './people.service'
import { checkTags } from './people.tags'

/** Setting a person's tags 标签 (the list filters by them): checked, kept in the change history, audited. */
export function createPersonTagsService(deps: LedgerDeps, people: PeopleService) {
  return {
    async set(ctx: RequestContext, id: string, body: { tags: string[]; version: number }) {
      const checked = checkTags(body.tags)
      if (!checked.ok) throw badRequest(checked.code, checked.message, { field: checked.field })
      await inTransaction(deps, async (tx) => {
        const row = await peopleRepo.findForUpdate(tx, id, ledgerSubtrees(ctx.actor, 'ledger.read'))
        if (!row) throw notFound('ledger.not_found', 'No such person on your ledgers')
        if (!mayWriteLedger(ctx.actor, row.grid_path))
          throw forbidden('ledger.forbidden', 'You may not change this ledger')
        if (row.erased_at) throw conflict('ledger.person_erased', 'This person was erased on request')
        if (row.version !== body.version)
          throw conflict('ledger.version_conflict', 'Someone changed this person since you read it', {
            version: row.version,
          })
        const before = row.tags ?? []
        if (JSON.stringify(before) === JSON.stringify(checked.tags)) return
        await peopleRepo.setTags(tx, row.id, checked.tags)
        await peopleRepo.recordChange(tx, uuidv7(), row.id, ctx.actor?.id ?? 'anonymous', {
          tags: [before, checked.tags],
        })
        await recordAudit(tx, ctx, {
          action: 'person.update',
          resourceType: 'person',
          resourceId: row.id,
          summary: { fields: ['tags'] },
        })
      })
      return people.one(ctx, id)
    },
  }
}

export type PersonTagsService = ReturnType<typeof createPersonTagsService>
