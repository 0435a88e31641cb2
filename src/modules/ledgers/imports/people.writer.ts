import { mayWriteLedger } from '../ledgers.policy'
import type { PersonRecord } from '../people/people.record'
import type { PeopleStore, SealedPerson } from '../people/people.store'
import type { RowOutcome, SheetWriter } from './imports.writer'

const elsewhere = {
  field: 'idNumber',
  code: 'ledger.person_elsewhere',
  message: '此人已登记在您无权维护的网格，请联系其所在网格',
}

/**
 * People: sealed in `prepare` (the costly step), then one citizen one file: a number already on the
 * ledger updates that person, unless they live in a grid the importer may not write.
 */
export function peopleWriter(store: PeopleStore): SheetWriter<PersonRecord, SealedPerson> {
  return {
    prepare: (items) => store.seal(items),
    async write(ex, ctx, items) {
      const existing = await store.existing(ex, items)
      const outcomes: (RowOutcome | null)[] = []
      const allowed: SealedPerson[] = []
      for (const item of items) {
        const number = item.record.idNumber
        const found = number ? existing.get(number) : undefined
        if (found && !mayWriteLedger(ctx.actor, found.grid_path)) outcomes.push(elsewhere)
        else {
          outcomes.push(null)
          allowed.push(item)
        }
      }
      const written = await store.upsertMany(ex, ctx.actor?.name ?? 'import', allowed, existing)
      let next = 0
      return outcomes.map((o) => {
        if (o) return o
        return (written[next++] as { created: boolean }).created ? 'created' : 'updated'
      })
    },
  }
}
