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

export async function refreshToday() {
  await Promise.allSettled(Object.entries(CACHED).map(([key, path]) => refresh(key, path)))
}
