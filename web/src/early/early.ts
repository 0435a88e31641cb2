// The desk's first script (an async module of its own, see earlyScript in vite.config.ts): run as
// soon as it arrives, about half a second before the app's modules have all loaded and run, it
// starts the reads the page opened will ask for first, and leaves them for the API client to take.
// Nothing is imported: an import would wait behind the app's twenty modules for a connection.
import type { EarlyReads } from './early.types'

/** An early answer older than this is not used: the page asks again. */
const KEEP_MS = 10_000

/** The first reads of a page, by path: [API path, query]. Each is what the page's own code asks. */
const PAGES: Record<string, (params: URLSearchParams) => [string, Record<string, string>][]> = {
  // 大屏: bigscreen.api.ts's screen answer and its map's events (the newest 1,000 open ones).
  '/screen': (params) => {
    const grid = params.get('grid')
    const period = params.get('period') ?? 'day'
    const scope: Record<string, string> = grid ? { grid } : {}
    return [
      ['/api/dashboard/screen', { period, ...scope }],
      ['/api/cases/map', { open: 'true', limit: '1000', ...scope }],
    ]
  },
}

/** What a GET is matched by: the path and the query in a set order. */
function keyOf(url: URL): string {
  const query = new URLSearchParams(url.search)
  query.sort()
  return `${url.pathname}?${query}`
}

const started = new Map<string, { response: Promise<Response>; language: string; at: number }>()
const language = document.documentElement.lang || 'zh-CN'
for (const [path, query] of PAGES[location.pathname]?.(new URLSearchParams(location.search)) ?? []) {
  const url = new URL(path, location.origin)
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v)
  // The headers the API client sends; the session's cookie goes with a same-origin fetch.
  const response = fetch(url, { headers: { accept: 'application/json', 'accept-language': language } })
  // A failure is the page's to report when it takes the read; until then nobody waits on it.
  response.catch(() => {})
  started.set(keyOf(url), { response, language, at: performance.now() })
}

const reads: EarlyReads = {
  take(request) {
    if (request.method !== 'GET' || started.size === 0) return null
    const key = keyOf(new URL(request.url))
    const read = started.get(key)
    if (!read) return null
    started.delete(key)
    const fresh = performance.now() - read.at < KEEP_MS
    return fresh && read.language === request.headers.get('accept-language') ? read.response : null
  },
}
// EARLY_KEY's value, written out: importing the constant would be an import to wait for.
;(globalThis as Record<symbol, unknown>)[Symbol.for('wangge.early')] = reads
