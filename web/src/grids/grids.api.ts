import { useQuery } from '@tanstack/react-query'
import { api } from '../api/client'
import type { Grid, GridImportResult, GridList } from '../api/types'

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

export const listRoots = () => api.get<GridList>('/api/grids', { level: 'district', limit: 500 })
export const listChildren = (parent: string) => api.get<GridList>('/api/grids', { parent, limit: 500 })
export const searchGrids = (q: string) => api.get<GridList>('/api/grids', { q, limit: 50 })
export const getGrid = (code: string) => api.get<Grid>(`/api/grids/${encodeURIComponent(code)}`)
export const importGrids = (collection: unknown) =>
  api.post<GridImportResult>('/api/grids/import', collection)

export const useGridRoots = () => useQuery({ queryKey: [...gridsKey, 'roots'], queryFn: listRoots })

export const useGridSearch = (q: string) =>
  useQuery({ queryKey: [...gridsKey, 'search', q], queryFn: () => searchGrids(q), enabled: q !== '' })

export const useGrid = (code: string | null) =>
  useQuery({
    queryKey: [...gridsKey, 'one', code],
    queryFn: () => getGrid(code ?? ''),
    enabled: code !== null,
  })
