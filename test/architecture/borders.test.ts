import { describe, expect, it } from 'vitest'
import { cyclesOf, moduleOf, type SourceFile, sourceFiles } from '../support/source-graph'

/**
 * The borders between modules (docs/architecture.md, "Module borders"). Each rule lists today's
 * allowed exceptions by name, each with why; a new exception needs a reason here.
 */
const files = sourceFiles('src')
const inModules = files.filter((f) => moduleOf(f.path))

const isRepo = (path: string) => /\.repo\.ts$/.test(path)
const isTables = (path: string) => /\.tables\.ts$/.test(path)

/** Another module's repo or tables a file may import, with why. */
const FOREIGN_DATA_ALLOWED: Record<string, string> = {
  'src/modules/outbox/outbox.repo.ts':
    'the transactional outbox: a change enqueues its events in its own transaction, through the outbox’s enqueue',
}

/** Files outside repos that may hold SQL, with why. */
const SQL_OUTSIDE_REPOS_ALLOWED: Record<string, string> = {
  'src/modules/audit/audit.service.ts':
    'auditRowFrom is the audit’s write as a SQL fragment, which a caller embeds in its own single statement (intake writes case, timeline, audit row and outbox event in one round trip)',
}

/** Imports between modules that close a cycle, as `from -> to`, with why. */
const CYCLE_EDGES_ALLOWED: Record<string, string> = {
  'audit -> auth':
    'audit’s reads ask the permission model (auth.policy, permissions), which is pure and imports no module; auth writes the audit',
  'grids -> auth':
    'grids’ checks ask the same pure permission model; auth’s grants follow grid splits and merges through grids’ succession hooks',
  'auth -> notify':
    'auth.notify tells the administrators of an account lock through notify’s inbox (wired by the outbox drainer); notify’s tables name auth’s users',
}

/** Route files that may check permissions themselves, with why. */
const ROUTE_CHECKS_ALLOWED: Record<string, string> = {
  'src/modules/live/live.routes.ts':
    'a WebSocket is accepted before any service is called: the route asks live.policy whether to close it at once (4403), and again at each session check',
}

/** A file holds SQL when it takes drizzle's query builders or runs raw statements. */
const holdsSql = (f: SourceFile) =>
  /^import\s+\{[^}]*\}\s+from\s+'drizzle-orm'/m.test(f.text) || /\bqueryRows\s*[<(]/.test(f.text)

describe('module borders', () => {
  it('no module imports another module’s repo or tables (a tables file may name another’s for a foreign key)', () => {
    const crossings = inModules.flatMap((f) =>
      f.imports
        .filter((p) => (isRepo(p) || isTables(p)) && moduleOf(p) !== moduleOf(f.path))
        .filter((p) => !(isTables(f.path) && isTables(p)) && !(p in FOREIGN_DATA_ALLOWED))
        .map((p) => `${f.path} -> ${p}`),
    )
    expect(crossings).toEqual([])
  })

  it('SQL lives only in repos (and the tables that define it)', () => {
    const outside = inModules
      .filter((f) => !isRepo(f.path) && !isTables(f.path) && holdsSql(f))
      .map((f) => f.path)
      .filter((path) => !(path in SQL_OUTSIDE_REPOS_ALLOWED))
    expect(outside).toEqual([])
  })

  it('routes parse, call and present: permission checks are in services or policies', () => {
    const checking = inModules
      .filter((f) => f.path.endsWith('.routes.ts') && /\bmay\w*\(|\bforbidden\(/.test(f.text))
      .map((f) => f.path)
      .filter((path) => !(path in ROUTE_CHECKS_ALLOWED))
    expect(checking).toEqual([])
  })

  it('modules form no import cycle', () => {
    const edges = new Map<string, Set<string>>()
    for (const f of inModules) {
      const from = moduleOf(f.path) as string
      for (const to of f.imports.map(moduleOf)) {
        if (!to || to === from || `${from} -> ${to}` in CYCLE_EDGES_ALLOWED) continue
        edges.set(from, (edges.get(from) ?? new Set()).add(to))
      }
    }
    expect(cyclesOf(edges)).toEqual([])
  })

  it('files form no import cycle', () => {
    const edges = new Map(files.map((f) => [f.path, new Set(f.imports)]))
    expect(cyclesOf(edges)).toEqual([])
  })

  it('every allowed exception still names something that exists', () => {
    const paths = new Set(files.map((f) => f.path))
    const named = [
      ...Object.keys(FOREIGN_DATA_ALLOWED),
      ...Object.keys(SQL_OUTSIDE_REPOS_ALLOWED),
      ...Object.keys(ROUTE_CHECKS_ALLOWED),
    ]
    expect(named.filter((path) => !paths.has(path))).toEqual([])
  })
})

describe('the cycle finder', () => {
  it('finds a cycle and ignores a chain', () => {
    const graph = (pairs: [string, string][]) => {
      const edges = new Map<string, Set<string>>()
      for (const [a, b] of pairs) edges.set(a, (edges.get(a) ?? new Set()).add(b))
      return edges
    }
    expect(
      cyclesOf(
        graph([
          ['a', 'b'],
          ['b', 'c'],
          ['c', 'a'],
          ['c', 'd'],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']])
    expect(
      cyclesOf(
        graph([
          ['a', 'b'],
          ['b', 'c'],
        ]),
      ),
    ).toEqual([])
  })
})
