import { useQuery } from '@tanstack/react-query'
import { api } from '../api/client'

/** The posts that count as grid workers (staff.posts.ts: `worker: true`): those asked to patrol daily. */
const WORKER_POSTS = new Set(['full_time_worker', 'part_time_worker', 'micro_leader'])

export interface Worker {
  userId: string
  name: string
  postZh: string
  postEn: string
  grid: { code: string; name: string; level: string }
}

/**
 * The workers of a grid: the holders (with an account) of its worker posts and of those of the grids
 * one level below, each once. The API has no list of a subtree's workers; a community shows its
 * grids' workers, a grid its own and its micro-grids' leaders.
 */
export function useWorkers(code: string | undefined) {
  return useQuery({
    queryKey: ['patrols', 'workers', code],
    enabled: code !== undefined,
    queryFn: async (): Promise<Worker[]> => {
      const grid = await api.get('/api/grids/{code}', { params: { path: { code: code ?? '' } } })
      const children = await api.get('/api/grids', { params: { query: { parent: grid.code, limit: 500 } } })
      const grids = [grid, ...children.items]
      const posts = await Promise.all(
        grids.map((g) => api.get('/api/grids/{code}/posts', { params: { path: { code: g.code } } })),
      )
      const seen = new Set<string>()
      return grids.flatMap((g, i) =>
        (posts[i] ?? []).flatMap((p) => {
          if (!p.userId || !WORKER_POSTS.has(p.post) || seen.has(p.userId)) return []
          seen.add(p.userId)
          const at = { code: g.code, name: g.name, level: g.level }
          return [{ userId: p.userId, name: p.holder, postZh: p.postZh, postEn: p.postEn, grid: at }]
        }),
      )
    },
  })
}
