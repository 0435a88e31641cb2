import type { RequestContext } from '../../../lib/context'
import type { DataCipher } from '../../../lib/crypto'
import { badRequest, forbidden, Problem } from '../../../lib/problem'
import { sha256Hex } from '../../../lib/tokens'
import { holdsAnywhere } from '../../auth/auth.policy'
import type { CasesService } from '../cases.service'
import type { Sheet } from './hotline.parse'
import { isFailure, type RowFailure, readSheet } from './hotline.rows'

/** Tickets already taken in, whoever imported them: a re-imported file skips them. */
const CALLER = 'hotline'
export const MAX_ROWS = 5000

/**
 * 12345 hotline work orders in: every row is checked on its own; good rows become cases (source
 * hotline, the caller's contact encrypted), rows already imported are skipped by ticket number, and
 * every bad row is reported with its row number and reason — unlike the grid import, one bad work
 * order does not hold back the others.
 */
export function createHotlineImport(cases: CasesService, cipher: DataCipher) {
  return async function importSheet(ctx: RequestContext, sheet: Sheet) {
    if (!holdsAnywhere(ctx.actor, 'case.accept'))
      throw forbidden('auth.forbidden', 'Only intake staff import hotline work orders')
    const { rows, missing } = readSheet(sheet)
    if (missing.length > 0)
      throw badRequest('case.import_columns', `The header lacks the columns: ${missing.join(', ')}`, {
        missing,
      })
    if (rows.length > MAX_ROWS) throw badRequest('case.import_too_many', `At most ${MAX_ROWS} rows per file`)
    const failures: RowFailure[] = []
    /** The rows taken in or skipped, each with the case it made or found. */
    const taken: { row: number; ticket: string; outcome: 'created' | 'skipped'; no: string | null }[] = []
    let created = 0
    let skipped = 0
    for (const r of rows) {
      if (isFailure(r)) {
        failures.push(r)
        continue
      }
      try {
        const done = await cases.intake(
          ctx,
          r.body,
          {
            userId: null,
            role: 'hotline',
            // The caller is the reporter; the clerk who imported the sheet is the timeline's actor.
            recordedBy: ctx.actor?.type === 'user' ? ctx.actor.id : null,
            contact: r.contact ? cipher.encrypt(JSON.stringify(r.contact)) : null,
          },
          { key: { caller: CALLER, key: r.ticket, requestHash: sha256Hex(JSON.stringify(r.body)) } },
        )
        // A ticket imported before is not imported again.
        if (done) created += 1
        else skipped += 1
        taken.push({
          row: r.row,
          ticket: r.ticket,
          outcome: done ? 'created' : 'skipped',
          no: done?.row.no ?? null,
        })
      } catch (error) {
        if (!(error instanceof Problem)) throw error
        failures.push({ row: r.row, ticket: r.ticket, code: error.code, reason: error.title })
      }
    }
    return { rows: rows.length, created, skipped, failures, taken }
  }
}
