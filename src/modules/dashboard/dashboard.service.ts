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

/** Base data and special groups change slowly: each node answers them from memory for this long. */
const BASE_TTL_MS = 60_000
/**
 * Overdue cases are counted from the cases (no index holds the deadlines): once per scope per
 * refresh of the screen, however many screens show it.
 */
const OVERDUE_TTL_MS = 30_000
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

const sumOf = (rows: RollupRow[]) => rows[0] ?? { ...emptyCounts(), key: null }

function cached<T>(ttlMs: number) {
  const entries = new Map<string, { at: number; value: Promise<T> }>()
  return (key: string, now: number, load: () => Promise<T>): Promise<T> => {
    const hit = entries.get(key)
    if (hit && now - hit.at < ttlMs) return hit.value
    const value = load()
    value.catch(() => entries.delete(key))
    entries.set(key, { at: now, value })
    if (entries.size > 500) entries.delete(entries.keys().next().value ?? '')
    return value
  }
}

/**
 * The command centre's big screen 大屏: everything its panels show for one scope and period, in one
 * answer — events from the rollup (the cases below its depth), base data and special groups as
 * counts, and the workers on duty (staff names only, for those who may follow patrols there).
 */
export function createDashboardService(db: Db, clock: () => Date) {
  const baseCache = cached<Pick<Screen, 'base' | 'groups'> & { accounts: number }>(BASE_TTL_MS)
  const overdueCache = cached<number>(OVERDUE_TTL_MS)

  async function baseOf(
    scope: ScreenScope,
    today: string,
  ): Promise<Pick<Screen, 'base' | 'groups'> & { accounts: number }> {
    const { paths, ids } = scope
    const [base, grids, declared, groups] = await Promise.all([
      dashboardRepo.base(db, paths, today),
      dashboardRepo.gridsUnder(db, paths),
      dashboardRepo.declared(db, ids),
      dashboardRepo.groups(db, paths, today),
    ])
    const c = base.counts ?? {
      registered: 0,
      floating: 0,
      foreign: 0,
      households: 0,
      buildings: 0,
      rooms: 0,
      rented: 0,
      workers: 0,
      accounts: 0,
    }
    const named = (zh: string | null, en: string | null) => (zh ? { zh, en: en ?? zh } : null)
    return {
      base: {
        people: {
          total: c.registered + c.floating + c.foreign,
          registered: c.registered,
          floating: c.floating,
          foreign: c.foreign,
        },
        households: c.households,
        buildings: c.buildings,
        rooms: c.rooms,
        rentedRooms: c.rented,
        organizations: base.organizations.map((o) => ({
          kind: o.kind,
          name: named(o.zh, o.en),
          count: o.count,
        })),
        declaredHouseholds: declared.households,
        declaredPopulation: declared.population,
        grids,
        workers: c.workers,
      },
      groups: groups.map((g) => ({ code: g.code, name: named(g.zh, g.en), count: g.count })),
      accounts: c.accounts,
    }
  }

  async function workersOf(
    ctx: RequestContext,
    scope: ScreenScope,
    now: Date,
    today: string,
    accounts: Promise<number>,
  ) {
    const follows = scope.paths.every((p) => may(ctx.actor, 'patrol.read', { gridPath: p }))
    if (!follows) return null
    const since = new Date(`${today}T00:00:00+08:00`)
    const [total, running, patrol, visits] = await Promise.all([
      accounts,
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
      const key = scope.paths.join('|')
      const baseAndGroups = baseCache(key, now.getTime(), () => baseOf(scope, today))
      const [
        kpiRows,
        trendRows,
        categoryRows,
        sourceRows,
        childRows,
        stateRows,
        overdue,
        bbox,
        based,
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
        overdueCache(key, now.getTime(), () => overdueNowCount(db, scope.paths, now)),
        dashboardRepo.bbox(db, scope.ids),
        baseAndGroups,
        workersOf(
          ctx,
          scope,
          now,
          today,
          baseAndGroups.then((b) => b.accounts),
        ),
      ])
      const { accounts: _accounts, ...base } = based
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
