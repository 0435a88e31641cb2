import type { Executor } from '../../db/database'
import type { RequestContext } from '../../lib/context'
import { recordAudit } from './audit.service'

/**
 * Reading personal data is audited, not only changing or unmasking it (PIPL; 等保 2.0 level 3): a
 * reporter's contact even masked, a person's profile, an export carrying personal data.
 */
export interface PersonalDataRead {
  /** Whose data: `case_reporter` (subjects are case numbers), `person` (subjects are person ids) … */
  subjectType: string
  subjectIds: readonly string[]
  /** Why it is read: the view or use that carried it (`case.reporter_contact`, `export.cases` …). */
  purpose: string
  /** Which fields the view carried, names only. */
  fields?: readonly string[]
  /** Whether the values were shown masked. */
  masked?: boolean
  /** Why the reader asked for them in clear, in their words (an unmask asks for one). */
  reason?: string
}

/**
 * Subjects named in one row: a page of 100 cases writes one row, not 100. A larger read (an
 * export) writes one row per this many subjects.
 */
export const SUBJECTS_PER_ROW = 1000

/**
 * One `personal_data.read` row per batch of subjects, written before the data is answered (a read
 * whose row could not be written is not answered). Nothing is written when no subject was read.
 */
export async function recordPersonalDataRead(ex: Executor, ctx: RequestContext, read: PersonalDataRead) {
  const ids = [...new Set(read.subjectIds)]
  for (let i = 0; i < ids.length; i += SUBJECTS_PER_ROW) {
    const subjects = ids.slice(i, i + SUBJECTS_PER_ROW)
    await recordAudit(ex, ctx, {
      action: 'personal_data.read',
      resourceType: read.subjectType,
      resourceId: subjects.length === 1 ? subjects[0] : undefined,
      summary: {
        purpose: read.purpose,
        subjects,
        ...(read.fields ? { fields: [...read.fields] } : {}),
        ...(read.masked === undefined ? {} : { masked: read.masked }),
        ...(read.reason ? { reason: read.reason } : {}),
      },
    })
  }
}
