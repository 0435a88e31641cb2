import { api } from '../../api/client'
import type { paths } from '../../api/openapi'
import type { JsonOf } from '../../api/types'

export type GridPatch = JsonOf<paths['/api/grids/{code}']['patch']['requestBody']>
export type SplitBody = JsonOf<paths['/api/grids/{code}/split']['post']['requestBody']>
export type MergeBody = JsonOf<paths['/api/grids/merge']['post']['requestBody']>
export type CutPreview = JsonOf<paths['/api/grids/{code}/split/preview']['post']['responses'][200]>
export type ReshapeResult = JsonOf<paths['/api/grids/merge']['post']['responses'][201]>
export type LngLatPair = [number, number]

export const patchGrid = (code: string, body: GridPatch) =>
  api.patch('/api/grids/{code}', { params: { path: { code } }, body })

/** The pieces a line cuts the grid into; writes nothing. */
export const previewCut = (code: string, line: LngLatPair[]) =>
  api.post('/api/grids/{code}/split/preview', {
    params: { path: { code } },
    body: { line: { type: 'LineString', coordinates: line } },
  })

/** Codes never used, for new grids beside this one. */
export const siblingCodes = (code: string, count: number) =>
  api.get('/api/grids/{code}/sibling-codes', { params: { path: { code }, query: { count } } })

export const splitGrid = (code: string, body: SplitBody) =>
  api.post('/api/grids/{code}/split', { params: { path: { code }, query: { repair: 'false' } }, body })

export const mergeGrids = (body: MergeBody) => api.post('/api/grids/merge', { body })
