import { useQuery } from '@tanstack/react-query'
import { api } from '../api/client'
import type { components } from '../api/openapi'
import { gridsKey } from './grids.api'

/** A current post in a grid and who holds it. */
export type GridPost = components['schemas']['GridPost']

const gridPath = (code: string) => encodeURIComponent(code)

/** The grid's public notice board 公示牌, served by the API server (no login): a page to link, not a call. */
export const noticeUrl = (code: string) => `/notice/${gridPath(code)}`
export const photoUrl = (code: string, postId: string) => `${noticeUrl(code)}/photos/${postId}`

export const listPosts = (code: string) => api.get('/api/grids/{code}/posts', { params: { path: { code } } })

export const useGridPosts = (code: string) =>
  useQuery({ queryKey: [...gridsKey, 'posts', code], queryFn: () => listPosts(code) })
