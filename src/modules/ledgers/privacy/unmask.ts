import type { Executor } from '../../../db/database'
import type { RequestContext } from '../../../lib/context'
import { badRequest } from '../../../lib/problem'
import { recordPersonalDataRead } from '../../audit/audit.personal-data'

/** The shortest reason an unmask accepts: "看看" is not a reason. */
const MIN_REASON = 4

/** The reader's reason for an unmask, trimmed; a missing or too short one is refused (400). */
export function unmaskReason(reason: string | undefined | null): string {
  const text = reason?.trim() ?? ''
  if ([...text].length < MIN_REASON)
    throw badRequest(
      'ledger.unmask_reason_required',
      `Say why you show this in clear (at least ${MIN_REASON} characters)`,
    )
  return text
}

/**
 * Audits an unmask before its answer leaves: whose record (`person`, `organization` …), which fields,
 * and why; `breakGlass` marks a special-group member shown by the stronger permission.
 */
export async function auditUnmask(
  ex: Executor,
  ctx: RequestContext,
  read: {
    subjectType: string
    subjectId: string
    fields: readonly string[]
    reason: string
    breakGlass?: boolean
  },
) {
  await recordPersonalDataRead(ex, ctx, {
    subjectType: read.subjectType,
    subjectIds: [read.subjectId],
    purpose: read.breakGlass ? 'ledger.break_glass' : 'ledger.unmask',
    fields: read.fields,
    masked: false,
    reason: read.reason,
  })
}
