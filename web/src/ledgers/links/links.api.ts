import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import type { components } from '../../api/openapi'

export type CaseSubject = components['schemas']['CaseLedgerLinks']['items'][number]
export type SubjectType = CaseSubject['type']

export const caseLinksKey = (no: string) => ['ledger-links', 'case', no] as const

/** The records of the reader's grids an event concerns, masked. */
export const useCaseLinks = (no: string) =>
  useQuery({
    queryKey: caseLinksKey(no),
    queryFn: () => api.get('/api/cases/{no}/ledger-links', { params: { path: { no } } }),
    retry: false,
  })

const linkPath = (type: SubjectType, id: string, no: string) => ({ params: { path: { type, id, no } } })

export const linkRecord = (type: SubjectType, id: string, no: string) =>
  api.put('/api/ledger-links/{type}/{id}/cases/{no}', linkPath(type, id, no))

export const unlinkRecord = (type: SubjectType, id: string, no: string) =>
  api.delete('/api/ledger-links/{type}/{id}/cases/{no}', linkPath(type, id, no))

/** The ledger page a record opens on: the profile, the building, the organisations' list. */
export function recordHref(s: CaseSubject): string {
  if (s.type === 'person') return `/ledgers/people/${s.id}`
  if (s.type === 'room') return `/ledgers/buildings/${s.buildingId}`
  return '/ledgers/organizations'
}
