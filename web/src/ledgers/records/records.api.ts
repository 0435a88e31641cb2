import { useInfiniteQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import type { components, paths } from '../../api/openapi'
import type { JsonOf } from '../../api/types'

export type Organization = components['schemas']['Organization']
export type Device = components['schemas']['Device']
export type Dispute = components['schemas']['Dispute']
export type OrganizationCreate = JsonOf<paths['/api/organizations']['post']['requestBody']>
export type DeviceCreate = JsonOf<paths['/api/devices']['post']['requestBody']>
export type DisputeCreate = JsonOf<paths['/api/disputes']['post']['requestBody']>

export type RecordKind = 'organizations' | 'devices' | 'disputes'

export const recordsKey = (kind: RecordKind) => ['ledgers', kind] as const

/** The filters every record list takes (the kind's own ones ride along). */
export type RecordFilters = {
  grid?: string
  q?: string
  kind?: string
  status?: string
  state?: string
  scale?: string
}

const PAGE_SIZE = 50

const clean = (f: RecordFilters) =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== ''))

export function useRecordList<T>(kind: RecordKind, filters: RecordFilters) {
  return useInfiniteQuery({
    queryKey: [...recordsKey(kind), 'list', filters],
    queryFn: ({ pageParam }) =>
      api.get(`/api/${kind}` as '/api/organizations', {
        params: { query: { ...clean(filters), cursor: pageParam, limit: PAGE_SIZE } as never },
      }) as unknown as Promise<{ items: T[]; nextCursor: string | null }>,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
}

/** The lists with an export: the record lists and the rooms of the building list. */
export type ExportKind = RecordKind | 'rooms'

/** A list's rows under its filter as a workbook (masked unless `unmask` with a `reason`). */
export const fetchRecordWorkbook = (kind: ExportKind, query: Record<string, string | undefined>) =>
  api.get(`/api/${kind}/export.xlsx` as '/api/organizations/export.xlsx', {
    params: { query: query as never },
    parseAs: 'blob',
  }) as unknown as Promise<Blob>

const byId = (id: string) => ({ params: { path: { id } } })

export const createOrganization = (body: OrganizationCreate) => api.post('/api/organizations', { body })
export const updateOrganization = (
  id: string,
  body: JsonOf<paths['/api/organizations/{id}']['patch']['requestBody']>,
) => api.patch('/api/organizations/{id}', { ...byId(id), body })
export const unmaskOrganization = (id: string, reason: string) =>
  api.post('/api/organizations/{id}/unmask', { ...byId(id), body: { reason } })
export const createDevice = (body: DeviceCreate) => api.post('/api/devices', { body })
export const getDevice = (id: string) => api.get('/api/devices/{id}', byId(id))
export const setDeviceStatus = (id: string, status: Device['status'], note?: string) =>
  api.post('/api/devices/{id}/status', { ...byId(id), body: { status, note } })
export const createDispute = (body: DisputeCreate) => api.post('/api/disputes', { body })
export const updateDispute = (
  id: string,
  body: JsonOf<paths['/api/disputes/{id}']['patch']['requestBody']>,
) => api.patch('/api/disputes/{id}', { ...byId(id), body })
