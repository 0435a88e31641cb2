import { db, getMeta, type LedgerCopy, setMeta } from '../db'
import { ApiError, getJson } from '../http'

type Kind = 'building' | 'household' | 'person'
type Change =
  | { kind: Kind; id: string; gridPath: string; version: number; view: Record<string, unknown> }
  | { kind: Kind; id: string; deleted: true }

interface Feed {
  scopes: string[]
  changes: Change[]
  cursor: string
  more: boolean
  reset?: { drop: string[]; add: string[] }
}

const tableOf = (kind: Kind) =>
  kind === 'building' ? db.buildings : kind === 'household' ? db.households : db.people

/** How the local copy stands: `unavailable` while the server has no sync feed (404). */
export type PullState = 'ok' | 'unavailable'

/**
 * Brings the local copy of the worker's grids up to date from GET /api/field/sync, page by page from
 * the saved cursor: rows in, tombstones out; a change of scopes drops the subtrees that left. Each
 * page and its cursor are stored in one transaction, so an interrupted pull resumes where it stopped.
 */
export async function pull(): Promise<PullState> {
  for (let page = 0; page < 200; page += 1) {
    const cursor = await getMeta<string>('sync.cursor')
    const query = new URLSearchParams({ limit: '500', ...(cursor ? { cursor } : {}) })
    let feed: Feed
    try {
      feed = await getJson<Feed>(`/api/field/sync?${query}`)
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        await setMeta('sync.state', 'unavailable')
        return 'unavailable'
      }
      throw error
    }
    await db.transaction('rw', [db.buildings, db.households, db.people, db.meta], async () => {
      for (const path of feed.reset?.drop ?? [])
        for (const table of [db.buildings, db.households, db.people])
          await table.filter((row) => row.gridPath === path || row.gridPath.startsWith(`${path}.`)).delete()
      for (const change of feed.changes) {
        const table = tableOf(change.kind)
        if ('deleted' in change) await table.delete(change.id)
        else {
          const row: LedgerCopy = {
            id: change.id,
            gridPath: change.gridPath,
            version: change.version,
            view: change.view,
          }
          await table.put(row)
        }
      }
      await db.meta.bulkPut([
        { key: 'sync.cursor', value: feed.cursor },
        { key: 'sync.scopes', value: feed.scopes },
        { key: 'sync.state', value: 'ok' },
        { key: 'sync.at', value: new Date().toISOString() },
      ])
    })
    if (!feed.more) return 'ok'
  }
  return 'ok'
}
