import { uuidv7 } from '../../../lib/ids'
import { ledgerSubtrees, mayWriteLedger } from '../ledgers.policy'
import { organizationsRepo } from '../orgs/organizations.repo'
import type { DeviceRecord } from '../things/devices.fields'
import { type DeviceWrite, devicesRepo } from '../things/devices.repo'
import type { ImportItem, RowOutcome, SheetWriter } from './imports.writer'

const elsewhere = {
  field: 'code',
  code: 'ledger.device_elsewhere',
  message: '该设备已登记在您无权维护的网格，请联系其所在网格',
}
const noOwner = {
  field: 'ownerCreditCode',
  code: 'ledger.owner_not_found',
  message: '所属单位不在您可见的组织台账中，请先登记该组织',
}

/**
 * Devices: one per code. A row of a known device updates it (its position and status stay as they
 * were: the status has its own history); the owner is named by its credit code and must be an
 * organisation the importer can see.
 */
export function devicesWriter(): SheetWriter<DeviceRecord, ImportItem<DeviceRecord>> {
  return {
    prepare: (items) => [...items],
    async write(ex, ctx, items) {
      const found = new Map(
        (
          await devicesRepo.byCodes(
            ex,
            items.map((i) => i.record.code),
          )
        ).map((d) => [d.code, d]),
      )
      const owners = await organizationsRepo.idsByCreditCodes(
        ex,
        items.flatMap((i) => (i.record.ownerCreditCode ? [i.record.ownerCreditCode] : [])),
        ledgerSubtrees(ctx.actor),
      )
      const outcomes: RowOutcome[] = []
      for (const { record: r, grid } of items) {
        const row = found.get(r.code)
        const owner = r.ownerCreditCode ? owners.get(r.ownerCreditCode) : undefined
        if (row && !mayWriteLedger(ctx.actor, row.grid_path)) {
          outcomes.push(elsewhere)
          continue
        }
        if (r.ownerCreditCode && !owner) {
          outcomes.push(noOwner)
          continue
        }
        const write: DeviceWrite = {
          gridId: grid.id,
          gridPath: grid.path,
          kind: r.kind,
          name: r.name,
          point: row && row.lng !== null && row.lat !== null ? { lng: row.lng, lat: row.lat } : null,
          ownerOrganizationId: owner ?? row?.owner_organization_id ?? null,
          details: { ...row?.details, ...r.details },
        }
        if (row) {
          await devicesRepo.update(ex, row.id, row.version, write)
          outcomes.push('updated')
        } else {
          await devicesRepo.insert(ex, uuidv7(), r.code, write)
          outcomes.push('created')
        }
      }
      return outcomes
    },
  }
}
