import { useQuery } from '@tanstack/react-query'
import { api } from '../api/client'
import type { components, paths } from '../api/openapi'
import type { JsonOf } from '../api/types'
import { gridsKey } from './grids.api'

/** A current post in a grid and who holds it. */
export type GridPost = components['schemas']['GridPost']
export type GridStaffing = components['schemas']['GridStaffing']
export type PostCreate = JsonOf<paths['/api/grids/{code}/posts']['post']['requestBody']>

const gridPath = (code: string) => encodeURIComponent(code)

/** The grid's public notice board 公示牌, served by the API server (no login): a page to link, not a call. */
export const noticeUrl = (code: string) => `/notice/${gridPath(code)}`
export const photoUrl = (code: string, postId: string, version?: string | null) =>
  `${noticeUrl(code)}/photos/${postId}${version ? `?v=${encodeURIComponent(version)}` : ''}`

export const staffKey = (code: string) => [...gridsKey, 'posts', code] as const

export const listPosts = (code: string) => api.get('/api/grids/{code}/posts', { params: { path: { code } } })

export const useGridPosts = (code: string) =>
  useQuery({ queryKey: staffKey(code), queryFn: () => listPosts(code) })

/** The posts with what the reader may do: end them, change photos, and which posts they may fill. */
export const useGridStaffing = (code: string) =>
  useQuery({
    queryKey: [...staffKey(code), 'staffing'],
    queryFn: () => api.get('/api/grids/{code}/staffing', { params: { path: { code } } }),
  })

/** The posts with their work phones in clear: audited with the reason given; never cached. */
export const unmaskPosts = (code: string, reason: string) =>
  api.get('/api/grids/{code}/posts', { params: { path: { code }, query: { unmask: 'true', reason } } })

export const appointPost = (code: string, body: PostCreate) =>
  api.post('/api/grids/{code}/posts', { params: { path: { code } }, body })

export type PostUpdate = JsonOf<paths['/api/grids/{code}/posts/{id}']['patch']['requestBody']>
export const updatePost = (code: string, id: string, body: PostUpdate) =>
  api.patch('/api/grids/{code}/posts/{id}', { params: { path: { code, id } }, body })

export const endPost = (code: string, id: string) =>
  api.delete('/api/grids/{code}/posts/{id}', { params: { path: { code, id } } })

export const setPostPhoto = (code: string, id: string, photo: Blob) =>
  api.put('/api/grids/{code}/posts/{id}/photo', {
    params: { path: { code, id } },
    // The document types a binary body as a string; the browser sends the Blob itself, untouched.
    body: photo as unknown as string,
    bodySerializer: (body) => body,
    headers: { 'content-type': photo.type || 'image/jpeg' },
  })

export const removePostPhoto = (code: string, id: string) =>
  api.delete('/api/grids/{code}/posts/{id}/photo', { params: { path: { code, id } } })

/** Grids of a level with fewer workers than the staffing rule asks, within the reader's scope. */
export const useUnderstaffed = (level: string, enabled = true) =>
  useQuery({
    queryKey: [...gridsKey, 'understaffed', level],
    queryFn: () => api.get('/api/grids/understaffed', { params: { query: { level } } }),
    enabled,
  })

/** Users found by name, to appoint one to a post. */
export const useUserSearch = (q: string) =>
  useQuery({
    queryKey: ['users', 'search', q],
    queryFn: () => api.get('/api/users', { params: { query: { q, limit: 20, offset: 0 } } }),
    enabled: q !== '',
  })
