import { useQuery } from '@tanstack/react-query'
import { ApiError, api } from '../api/client'
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

/**
 * The top grids the reader may see: the districts for the whole deployment, a chief's own street or
 * community otherwise (the outline's roots, read in full at their levels).
 */
export async function listRoots() {
  // A reporter who reads no grids (the report form asks for the roots to frame its map) gets none.
  const items = await api.get('/api/grids/outline', { params: { query: {} } }).then(
    (r) => r.items,
    (error: unknown) => {
      if (error instanceof ApiError && error.status === 403) return []
      throw error
    },
  )
  const levels = [...new Set(items.map((g) => g.level))]
  const lists = await Promise.all(levels.map((level) => listGrids({ level, limit: 500 })))
  return { items: lists.flatMap((l) => l.items), nextCursor: null }
}
export const listChildren = (parent: string) => listGrids({ parent, limit: 500 })
export const searchGrids = (q: string) => listGrids({ q, limit: 50 })
export const getGrid = (code: string) => api.get('/api/grids/{code}', { params: { path: { code } } })
// The file's JSON goes as read: the server, not the browser, checks that it is a FeatureCollection.
export const importGrids = (collection: unknown) =>
  api.post('/api/grids/import', { body: collection as GridCollection })

export const useGridRoots = () => useQuery({ queryKey: [...gridsKey, 'roots'], queryFn: listRoots })

export const useGridSearch = (q: string) =>
  useQuery({ queryKey: [...gridsKey, 'search', q], queryFn: () => searchGrids(q), enabled: q !== '' })

export const useGrid = (code: string | null) =>
  useQuery({
    queryKey: [...gridsKey, 'one', code],
    queryFn: () => getGrid(code ?? ''),
    enabled: code !== null,
  })
