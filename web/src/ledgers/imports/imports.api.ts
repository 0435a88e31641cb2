import { api } from '../../api/client'
import type { paths } from '../../api/openapi'
import type { JsonOf } from '../../api/types'

export type ImportView = JsonOf<paths['/api/imports/{id}']['get']['responses'][200]>
export type ImportMode = ImportView['mode']
export type RecordType = paths['/api/imports/{type}']['post']['parameters']['path']['type']

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const importsKey = ['ledgers', 'imports'] as const

export const fetchTemplate = (type: RecordType, grid?: string) =>
  api.get('/api/imports/{type}/template.xlsx', {
    params: { path: { type }, query: { grid } },
    parseAs: 'blob',
  }) as unknown as Promise<Blob>

/** Sends the filled template as the raw body; answers the queued job's id. */
export const uploadSheet = (input: { type: RecordType; mode: ImportMode; grid?: string; file: File }) =>
  api.post('/api/imports/{type}', {
    params: {
      path: { type: input.type },
      query: { mode: input.mode, grid: input.grid, fileName: input.file.name },
    },
    // The document types a binary body as a string; the browser sends the File itself, untouched.
    body: input.file as unknown as never,
    bodySerializer: (body: unknown) => body as BodyInit,
    headers: { 'content-type': XLSX },
  })

export const readImport = (id: string) => api.get('/api/imports/{id}', { params: { path: { id } } })
export const myImports = () => api.get('/api/imports')

export const fetchErrorReport = (id: string) =>
  api.get('/api/imports/{id}/errors.xlsx', {
    params: { path: { id } },
    parseAs: 'blob',
  }) as unknown as Promise<Blob>

export type PeopleExportQuery = NonNullable<paths['/api/people/export.xlsx']['get']['parameters']['query']>
export const fetchPeopleWorkbook = (query: PeopleExportQuery) =>
  api.get('/api/people/export.xlsx', { params: { query }, parseAs: 'blob' }) as unknown as Promise<Blob>
