import type { Db } from '../../db/database'
import type { RequestContext } from '../../lib/context'
import { addDays, chinaDay } from '../../lib/dates'
import { may } from '../auth/auth.policy'
import { overdueNowCount } from '../cases/cases.counts'
import { isOpen } from '../cases/cases.states'
import { rollupNames } from '../cases/rollup/rollup.cells'
import {
  deepRollupCounts,
  ROLLUP_DEPTH,
  type RollupQuery,
  type RollupRow,
  rollupCounts,
} from '../cases/rollup/rollup.read'
import { POSTS } from '../staff/staff.posts'
import { accountsOnDuty } from './dashboard.accounts'
import {
  avgHandlingHours,
  COMPOSITE,
  emptyCounts,
  indicatorsOf,
  periodDays,
  ranked,
  rankingItems,
  TREND_DAYS,
  topCategories,
  trendOf,
} from './dashboard.figures'
import { dashboardRepo, SILENT_MINUTES } from './dashboard.repo'
import type { Screen, ScreenQuery } from './dashboard.schema'
import { resolveScope, type ScreenScope, scopeDepth } from './dashboard.scope'
import { summaryRepo } from './dashboard.summary.repo'
import { SUMMARY_DEPTH } from './dashboard.tables'

/** Since when a case still open may have been reported: the state counts read the whole rollup. */
const EVER = '2000-01-01'
const TOP_CATEGORIES = 10
const MAX_LINES = 50

type Counts = { dim: 'all' | 'category' | 'source' | 'state'; from: string; to: string }

/**
 * The rollup's counts over the scope, or the cases' when the scope (or, grouped by child, its
 * children) lies deeper than the rollup keeps, as the statistics' fallback does.
 */
async function countsOf(
  db: Db,
  scope: ScreenScope,
  q: Counts & { groupBy: 'none' | 'value' | 'day' | 'child' },
): Promise<RollupRow[]> {
  const depth = scopeDepth(scope)
  const child = q.groupBy === 'child'
  // Several subtrees: the children are the subtrees themselves.
  const several = scope.grid === null && !scope.paths.includes('')
  if (depth + (child && !several ? 1 : 0) <= ROLLUP_DEPTH) {
    const base = { dim: q.dim, from: q.from, to: q.to } as const
    const query: RollupQuery = !child
      ? { ...base, nodes: scope.paths, groupBy: q.groupBy as RollupQuery['groupBy'] }
      : several
        ? { ...base, nodes: scope.paths, groupBy: 'node' }
        : { ...base, parent: scope.paths[0] ?? '', groupBy: 'node' }
    return rollupCounts(db, query)
  }
  if (child && several) {
    const rows = await Promise.all(
      scope.paths.map(async (path) => {
        const [row] = await deepRollupCounts(db, { ...q, paths: [path], groupBy: 'none' })
        return { ...(row ?? emptyCounts()), key: path }
      }),
    )
    return rows
  }
  return deepRollupCounts(db, { ...q, paths: scope.paths, depth })
}

/** The base data of a scope, from the summary or the rows. */
interface BaseFigures {
  people: Map<string, number>
  households: number
  buildings: number
  rooms: number
  rented: number
  organizations: Map<string, number>
  groups: Map<string, number>
  workers: number
  grids: { level: string; count: number }[]
}

const sumOf = (rows: RollupRow[]) => rows[0] ?? { ...emptyCounts(), key: null }

/**
 * The command centre's big screen 大屏: everything its panels show for one scope and period, in one
 * answer — events from the rollup (the cases below its depth), base data and special groups as
 * counts, and the workers on duty (staff names only, for those who may follow patrols there).
 */
export function createDashboardService(db: Db, clock: () => Date) {
  const accounts = accountsOnDuty(db)
  async function baseOf(scope: ScreenScope, today: string): Promise<Pick<Screen, 'base' | 'groups'>> {
    const [figures, declared] = await Promise.all([
      scopeDepth(scope) <= SUMMARY_DEPTH ? fromSummary(scope, today) : fromTables(scope.paths, today),
      dashboardRepo.declared(db, scope.ids),
    ])
    const [kinds, groupNames] = await Promise.all([
      codeNames('organization_kind', figures.organizations.keys()),
      codeNames('special_group', figures.groups.keys()),
    ])
    const people = (kind: string) => figures.people.get(kind) ?? 0
    const named = (n: { zh: string; en: string | null } | undefined) =>
      n ? { zh: n.zh, en: n.en ?? n.zh } : null
    const sortOf = (code: string) => groupNames.get(code)?.sort ?? Number.POSITIVE_INFINITY
    return {
      base: {
        people: {
          total: people('registered') + people('floating') + people('foreign'),
          registered: people('registered'),
          floating: people('floating'),
          foreign: people('foreign'),
        },
        households: figures.households,
        buildings: figures.buildings,
        rooms: figures.rooms,
        rentedRooms: figures.rented,
        organizations: [...figures.organizations]
          .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
          .map(([kind, count]) => ({ kind, name: named(kinds.get(kind)), count })),
        declaredHouseholds: declared.households,
        declaredPopulation: declared.population,
        grids: figures.grids,
        workers: figures.workers,
      },
      groups: [...figures.groups]
        .sort(([a], [b]) => sortOf(a) - sortOf(b) || (a < b ? -1 : a > b ? 1 : 0))
        .map(([code, count]) => ({ code, name: named(groupNames.get(code)), count })),
    }
  }

  async function codeNames(table: 'organization_kind' | 'special_group', codes: Iterable<string>) {
    const list = [...codes]
    const rows = list.length > 0 ? await dashboardRepo.codeNames(db, table, list) : []
    return new Map(rows.map((r) => [r.code, r]))
  }

  /** The scope's base data from the maintained summary (a few rows per node, whatever the city's size). */
  async function fromSummary(scope: ScreenScope, today: string): Promise<BaseFigures> {
    const rows = await summaryRepo.read(db, scope.paths, today)
    const of = (measure: string) => rows.filter((r) => r.measure === measure)
    const total = (measure: string) => of(measure).reduce((n, r) => n + r.n, 0)
    // The scope's own grids are not "under" it.
    const own = scope.paths.includes('') ? [] : scope.grid ? [scope.grid] : scope.children
    const levels = new Map<string, { depth: number; count: number }>()
    for (const r of of('grids')) {
      const [depth, level] = [Number(r.value.split(' ')[0]), r.value.slice(r.value.indexOf(' ') + 1)]
      const held = levels.get(level)
      levels.set(level, { depth: Math.min(depth, held?.depth ?? depth), count: (held?.count ?? 0) + r.n })
    }
    for (const g of own) {
      const held = levels.get(g.level)
      if (held) held.count -= 1
    }
    return {
      people: new Map(of('people').map((r) => [r.value, r.n])),
      households: total('households'),
      buildings: total('buildings'),
      rooms: total('rooms'),
      rented: total('rented'),
      organizations: new Map(of('organizations').map((r) => [r.value, r.n])),
      groups: new Map(of('groups').map((r) => [r.value, r.n])),
      workers: of('posts').reduce((n, r) => n + (POSTS[r.value as keyof typeof POSTS]?.worker ? r.n : 0), 0),
      grids: [...levels]
        .filter(([, l]) => l.count > 0)
        .sort(([, a], [, b]) => a.depth - b.depth)
        .map(([level, l]) => ({ level, count: l.count })),
    }
  }

  /** Below the summary's depth: counted from the rows, a small subtree's worth. */
  async function fromTables(paths: string[], today: string): Promise<BaseFigures> {
    const [base, grids, groups] = await Promise.all([
      dashboardRepo.base(db, paths, today),
      dashboardRepo.gridsUnder(db, paths),
      dashboardRepo.groups(db, paths, today),
    ])
    const c = base.counts
    return {
      people: new Map([
        ['registered', c?.registered ?? 0],
        ['floating', c?.floating ?? 0],
        ['foreign', c?.foreign ?? 0],
      ]),
      households: c?.households ?? 0,
      buildings: c?.buildings ?? 0,
      rooms: c?.rooms ?? 0,
      rented: c?.rented ?? 0,
      organizations: new Map(base.organizations.map((o) => [o.kind, o.count])),
      groups: new Map(groups.map((g) => [g.code, g.count])),
      workers: c?.workers ?? 0,
      grids,
    }
  }

  async function workersOf(ctx: RequestContext, scope: ScreenScope, now: Date, today: string) {
    const follows = scope.paths.every((p) => may(ctx.actor, 'patrol.read', { gridPath: p }))
    if (!follows) return null
    const since = new Date(`${today}T00:00:00+08:00`)
    const [total, running, patrol, visits] = await Promise.all([
      accounts(scope.paths, today),
      dashboardRepo.running(db, scope.paths, now),
      dashboardRepo.patrolToday(db, scope.paths, since, now),
      dashboardRepo.visitsToday(db, scope.paths, since),
    ])
    const offline = running.filter((r) => r.silent_minutes >= SILENT_MINUTES)
    const online = running.length - offline.length
    const line = (r: (typeof running)[number], silent: boolean) => ({
      name: r.name,
      grid: r.grid,
      silentMinutes: silent ? r.silent_minutes : null,
    })
    return {
      total,
      online,
      onlineRate: total > 0 ? Math.round((Math.min(online, total) / total) * 10_000) / 10_000 : null,
      patrolHours: Math.round((patrol.seconds / 3600) * 10) / 10,
      patrolKm: Math.round((patrol.metres / 1000) * 10) / 10,
      householdsVisited: visits.households,
      visits: visits.visits,
      offline: offline.slice(0, MAX_LINES).map((r) => line(r, true)),
      outsideGrid: running
        .filter((r) => r.outside && r.silent_minutes < SILENT_MINUTES)
        .slice(0, MAX_LINES)
        .map((r) => line(r, false)),
    }
  }

  return {
    async screen(ctx: RequestContext, q: ScreenQuery): Promise<Screen> {
      const now = clock()
      const scope = await resolveScope(db, ctx, q.grid)
      const today = chinaDay(now)
      const period = periodDays(q.period, now)
      const trendFrom = addDays(today, 1 - TREND_DAYS)
      const inPeriod = { from: period.from, to: period.to }
      const [
        kpiRows,
        trendRows,
        categoryRows,
        sourceRows,
        childRows,
        stateRows,
        overdue,
        bbox,
        base,
        workers,
      ] = await Promise.all([
        countsOf(db, scope, { dim: 'all', ...inPeriod, groupBy: 'none' }),
        countsOf(db, scope, { dim: 'all', from: trendFrom, to: period.to, groupBy: 'day' }),
        countsOf(db, scope, { dim: 'category', ...inPeriod, groupBy: 'value' }),
        countsOf(db, scope, { dim: 'source', ...inPeriod, groupBy: 'value' }),
        scope.children.length > 0
          ? countsOf(db, scope, { dim: 'all', ...inPeriod, groupBy: 'child' })
          : Promise.resolve([]),
        countsOf(db, scope, { dim: 'state', from: EVER, to: period.to, groupBy: 'value' }),
        overdueNowCount(db, scope.paths, now),
        dashboardRepo.bbox(db, scope.ids),
        baseOf(scope, today),
        workersOf(ctx, scope, now, today),
      ])
      // 在办: the cases in an open state now, from the rollup's state counts.
      const open = stateRows.reduce((n, r) => n + (r.key !== null && isOpen(r.key) ? r.received : 0), 0)

      const total = sumOf(kpiRows)
      const rates = indicatorsOf(total)
      const top = topCategories(categoryRows, TOP_CATEGORIES)
      const names = await rollupNames(
        db,
        'category',
        top.map((r) => r.code),
      )
      const step = (g: { code: string; name: string; level: string }) => ({
        code: g.code,
        name: g.name,
        level: g.level,
      })
      const whole = { code: null, name: '', level: null }
      const breadcrumb = [...(scope.virtualRoot ? [whole] : []), ...scope.chain.map(step)]

      return {
        asOf: now.toISOString(),
        period: q.period,
        from: period.from,
        to: period.last,
        scope: {
          ...(scope.grid ? step(scope.grid) : whole),
          bbox,
          breadcrumb,
          children: scope.children.map(step),
        },
        kpi: {
          reported: total.received,
          accepted: total.accepted_n,
          closed: total.closed_n,
          open,
          overdue,
          closingRate: rates.closingRate,
          onTimeRate: rates.onTimeRate,
          satisfactionRate: rates.satisfactionRate,
          avgHandlingHours: avgHandlingHours(total),
        },
        trend: trendOf(trendRows, trendFrom),
        categories: top.map((c) => {
          const named = names.get(c.code)
          return { ...c, name: named ? { zh: named.zh, en: named.en } : null }
        }),
        sources: sourceRows
          .filter((r) => r.key !== null && r.received > 0)
          .map((r) => ({ source: String(r.key), count: r.received }))
          .sort((a, b) => b.count - a.count),
        ranking: {
          basis: COMPOSITE.basis,
          weights: { ...COMPOSITE.weights },
          items: ranked(rankingItems(scope.children, childRows)),
        },
        ...base,
        workers,
      }
    },
  }
}

export type DashboardService = ReturnType<typeof createDashboardService>
