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

/** Records a page (the feed's most): on a slow link each page costs a round trip. */
const PAGE = 1000

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
    const query = new URLSearchParams({ limit: String(PAGE), ...(cursor ? { cursor } : {}) })
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
          await table
            .filter((row) => path === '' || row.gridPath === path || row.gridPath.startsWith(`${path}.`))
            .delete()
      // In bulk per table (each record comes once a page): a thousand single puts cost seconds on a phone.
      for (const kind of ['building', 'household', 'person'] as const) {
        const mine = feed.changes.filter((c) => c.kind === kind)
        const gone = mine.flatMap((c) => ('deleted' in c ? [c.id] : []))
        const rows = mine.flatMap((c): LedgerCopy[] =>
          'deleted' in c ? [] : [{ id: c.id, gridPath: c.gridPath, version: c.version, view: c.view }],
        )
        if (gone.length) await tableOf(kind).bulkDelete(gone)
        if (rows.length) await tableOf(kind).bulkPut(rows)
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
