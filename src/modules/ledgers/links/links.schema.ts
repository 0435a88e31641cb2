import { z } from 'zod'
import { SUBJECT_TYPES } from './links.repo'

export const LinkParams = z.object({
  type: z.enum(SUBJECT_TYPES),
  id: z.uuid(),
  no: z.string().trim().min(1).max(40),
})

export const CaseNoParams = z.object({ no: z.string().trim().min(1).max(40) })

/** One record an event concerns, as the ledgers show it: masked, with where its ledger page is. */
export const CaseSubjectSchema = z.object({
  type: z.enum(SUBJECT_TYPES),
  id: z.string(),
  /** A person's name masked (张*三), a room's address masked, an organisation's name. */
  label: z.string(),
  /** A person's ID number, masked (null for the others, or when none is on the record). */
  idNumber: z.string().nullable(),
  /** The building a room is in (its ledger page), null for the others. */
  buildingId: z.string().nullable(),
  /** Whether the reader may unlink it. */
  mayUnlink: z.boolean(),
})

export const CaseSubjectsSchema = z
  .object({
    items: z.array(CaseSubjectSchema),
    /** Whether the reader may link a record of their grids to this event. */
    mayLink: z.boolean(),
  })
  .meta({ id: 'CaseLedgerLinks' })

export type CaseSubject = z.infer<typeof CaseSubjectSchema>
