import { uuidv7 } from '../../../lib/ids'
import type { LedgerDeps } from '../ledgers.deps'
import { mayWriteLedger } from '../ledgers.policy'
import type { OrganizationRecord } from '../orgs/organizations.fields'
import { type OrganizationRow, type OrganizationWrite, organizationsRepo } from '../orgs/organizations.repo'
import { tableSealer } from '../privacy/seal'
import type { ImportItem, RowOutcome, SheetWriter } from './imports.writer'

const elsewhere = {
  field: 'creditCode',
  code: 'ledger.organization_elsewhere',
  message: '该组织已登记在您无权维护的网格，请联系其所在网格',
}

const keyOf = (r: OrganizationRecord) => r.creditCode ?? `${r.gridCode}/${r.name}`
const rowKey = (r: OrganizationRow) => r.credit_code ?? `${r.grid_code}/${r.name}`

/**
 * Organisations: one per credit code (or, without one, per name within its grid). A row of a known
 * organisation updates it: its non-empty values replace, the empty ones keep what was there; the
 * contact phone is sealed to the row.
 */
export function organizationsWriter(
  deps: Pick<LedgerDeps, 'fields'>,
): SheetWriter<OrganizationRecord, ImportItem<OrganizationRecord>> {
  const sealer = tableSealer(deps.fields, 'organizations')

  function writeOf(
    id: string,
    item: ImportItem<OrganizationRecord>,
    row?: OrganizationRow,
  ): OrganizationWrite {
    const r = item.record
    return {
      gridId: item.grid.id,
      gridPath: item.grid.path,
      kind: r.kind,
      name: r.name,
      creditCode: r.creditCode ?? row?.credit_code ?? null,
      legalRepresentative: r.legalRepresentative ?? row?.legal_representative ?? null,
      contactPhoneSealed: r.contactPhone
        ? sealer.seal('contact_phone_sealed', id, r.contactPhone)
        : (row?.contact_phone_sealed ?? null),
      address: r.address ?? row?.address ?? null,
      point: row && row.lng !== null && row.lat !== null ? { lng: row.lng, lat: row.lat } : null,
      staffCount: r.staffCount ?? row?.staff_count ?? null,
      parentId: row?.parent_id ?? null,
      details: { ...row?.details, ...r.details },
    }
  }

  return {
    prepare: (items) => [...items],
    async write(ex, ctx, items) {
      const codes = items.flatMap((i) => (i.record.creditCode ? [i.record.creditCode] : []))
      const names = items.flatMap((i) => (i.record.creditCode ? [] : [keyOf(i.record)]))
      const found = new Map(
        (await organizationsRepo.byImportKeys(ex, codes, names)).map((r) => [rowKey(r), r]),
      )
      const outcomes: RowOutcome[] = []
      for (const item of items) {
        const row = found.get(keyOf(item.record))
        if (row && !mayWriteLedger(ctx.actor, row.grid_path)) {
          outcomes.push(elsewhere)
        } else if (row) {
          await organizationsRepo.update(ex, row.id, row.version, writeOf(row.id, item, row))
          outcomes.push('updated')
        } else {
          const id = uuidv7()
          await organizationsRepo.insert(ex, id, writeOf(id, item))
          outcomes.push('created')
        }
      }
      return outcomes
    },
  }
}
