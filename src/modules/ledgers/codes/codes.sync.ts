import type { Executor } from '../../../db/database'
import { codesRepo } from './codes.repo'
import { SHIPPED_CODES, SHIPPED_VISIT_POLICIES } from './codes.shipped'

/**
 * Keeps the shipped code tables in step with the code, in one statement each: new codes are added,
 * shipped ones get their names back; an administrator's own codes and de-activations stay. Visit
 * policies are added when missing and never overwritten (a deployment tunes them).
 */
export async function syncLedgerCodes(ex: Executor): Promise<void> {
  const rows = Object.entries(SHIPPED_CODES).flatMap(([table, { zh, en, rows }]) => [
    // Row 0 of each table names the table itself (shown as the table's title).
    { code_table: '_tables', code: table, zh, en, parent_code: null, sort: 0 },
    ...rows.map(([code, rowZh, rowEn, parent], sort) => ({
      code_table: table,
      code,
      zh: rowZh,
      en: rowEn,
      parent_code: parent ?? null,
      sort,
    })),
  ])
  await codesRepo.syncShipped(ex, rows)
  await codesRepo.addMissingPolicies(
    ex,
    SHIPPED_VISIT_POLICIES.map(([groupCode, minAttention, everyDays]) => ({
      groupCode,
      minAttention,
      everyDays,
    })),
  )
}
