import { keep } from '../db'
import { ApiError, getJson } from '../http'

/** A cached answer the server does not give (404: not there yet, 403: not for this worker). */
export const UNAVAILABLE = { unavailable: true } as const

async function refresh(key: string, path: string) {
  try {
    await keep(key, await getJson(path))
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 403))
      await keep(key, UNAVAILABLE)
    else throw error
  }
}

/** The GET answers the app reads offline: refreshed on every sync trigger, kept in the `cache` table. */
export const CACHED = {
  categories: '/api/case-categories',
  compliance: '/api/patrols/compliance',
  cases: '/api/cases?queue=to_handle&limit=20',
  visits: '/api/visits/due',
  doors: '/api/campaigns/tasks/mine',
  campaigns: '/api/campaigns?state=active',
} as const

/** At most this many of the worker's subtrees are drawn on the phone's map (a grid worker has one or two). */
const MAX_OUTLINES = 5

/** A subtree the worker looks after, with its outline: the phone's maps draw it with no network. */
export interface MyGrid {
  code: string
  name: string
  level: string
  boundary: { type: 'MultiPolygon'; coordinates: number[][][][] } | null
}

/** The outlines of the worker's grids (the tops of their subtrees), kept as `myGrids`. */
async function refreshMyGrids() {
  const roots = await getJson<{ items: { code: string }[] }>('/api/grids/roots')
  const grids = await Promise.all(
    roots.items.slice(0, MAX_OUTLINES).map((r) => getJson<MyGrid>(`/api/grids/${r.code}`)),
  )
  await keep(
    'myGrids',
    grids.map(({ code, name, level, boundary }) => ({ code, name, level, boundary })),
  )
}

export async function refreshToday() {
  await Promise.allSettled([
    ...Object.entries(CACHED).map(([key, path]) => refresh(key, path)),
    refreshMyGrids(),
  ])
}
