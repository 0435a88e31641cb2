import { useQuery } from '@tanstack/react-query'
import { api } from '../api/client'
import type { paths } from '../api/openapi'
import type { JsonOf } from '../api/types'

export const gridsKey = ['grids'] as const

/** The levels of the default scheme, root first; the page names them in the reader's language. */
export const LEVELS = ['district', 'street', 'community', 'grid', 'micro'] as const

/** One feature the server refused in an import. */
export interface ImportFailure {
  index: number
  code: string | null
  problem: string
  reason: string
}

type GridCollection = JsonOf<paths['/api/grids/import']['post']['requestBody']>

type GridQuery = NonNullable<paths['/api/grids']['get']['parameters']['query']>
const listGrids = (query: GridQuery) => api.get('/api/grids', { params: { query } })

/** Where the reader's tree starts (the top of each subtree they may read), with what the page allows. */
export const listRoots = () => api.get('/api/grids/roots')
export const listChildren = (parent: string) => listGrids({ parent, limit: 500 })
export const searchGrids = (q: string) => listGrids({ q, limit: 50 })
export const getGrid = (code: string) => api.get('/api/grids/{code}', { params: { path: { code } } })
// The file's JSON goes as read: the server, not the browser, checks that it is a FeatureCollection.
export const importGrids = (collection: unknown) =>
  api.post('/api/grids/import', { body: collection as GridCollection })

export const useGridRoots = (enabled = true) =>
  useQuery({ queryKey: [...gridsKey, 'roots'], queryFn: listRoots, enabled })

export const useGridSearch = (q: string) =>
  useQuery({ queryKey: [...gridsKey, 'search', q], queryFn: () => searchGrids(q), enabled: q !== '' })

export const useGrid = (code: string | null) =>
  useQuery({
    queryKey: [...gridsKey, 'one', code],
    queryFn: () => getGrid(code ?? ''),
    enabled: code !== null,
  })
