import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../../db/database'
import type { DataCipher } from '../../lib/crypto'
import { type PeriodicJob, periodicJob } from '../../lib/periodic'
import type { WorkCalendar } from '../cases/calendar/calendar'
import { rollupCells, rollupNames } from '../cases/rollup/rollup.cells'
import { deadlineWarnings, staleDeadlines } from './warnings.deadline'
import { householdGroups, householdWarning, REPEAT_HOUSEHOLD } from './warnings.household'
import { type Cluster, type RaisedWarning, type RunningPatrol, warningsRepo } from './warnings.repo'
import { dayFrom, detectRises, HISTORY_DAYS, type Rise } from './warnings.rise'
import { rulesRepo } from './warnings.rules.repo'
import { visitWarnings } from './warnings.visits'

/** Every ten minutes: a rise shows within the quarter hour, and a run reads a few thousand rows. */
export const DETECT_EVERY_MS = 10 * 60_000
const HOUR = 3_600_000

/** A hotspot 热点: at least 8 events of one big class within 100 m of each other in 72 hours. */
export const HOTSPOT = { hours: 72, eps: 100, minPoints: 8 } as const
/** Repeat complaints 重复投诉: 3 from residents, the hotline or Open311 within 30 m in 30 days. */
export const REPEAT_PLACE = {
  days: 30,
  eps: 30,
  minPoints: 3,
  sources: ['resident', 'hotline', 'open311'],
} as const

/** A worker on patrol without a position for this long is offline 失联 (the patrol ends itself at 30). */
export const OFFLINE_MINUTES = 15

/** The day (YYYY-MM-DD) an instant falls on in Asia/Shanghai. */
const shanghaiDay = (at: Date) => new Date(at.getTime() + 8 * HOUR).toISOString().slice(0, 10)

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits

type Names = Map<string, { zh: string; en: string }>

/** A rise's events today: the warning lists them and sits at their centre. */
type RiseCases = { ids: string[]; lng: number | null; lat: number | null }

function riseWarning(r: Rise, day: string, grids: Names, classes: Names, today: RiseCases): RaisedWarning {
  const grid = grids.get(r.node) ?? { zh: r.node, en: r.node }
  const kind = classes.get(r.bigClass) ?? { zh: r.bigClass, en: r.bigClass }
  const gradual = r.rule === 'gradual_rise'
  return {
    rule: r.rule,
    scopePath: r.node,
    dedupKey: `${r.rule}|${r.node}|${r.bigClass}|${day}`,
    level: r.level,
    titleZh: gradual
      ? `${grid.zh}${kind.zh}类事件近一周持续上升（今日 ${r.count} 件，此前日均 ${round(r.baseline, 1)} 件）`
      : `${grid.zh}${kind.zh}类事件今日 ${r.count} 件，远高于近 28 天日均 ${round(r.baseline, 1)} 件`,
    titleEn: gradual
      ? `${kind.en} events rising for a week in ${grid.en} (${r.count} today, ${round(r.baseline, 1)} a day before)`
      : `${r.count} ${kind.en} events today in ${grid.en}, against ${round(r.baseline, 1)} a day over 28 days`,
    categoryCode: r.bigClass,
    location: today.lng !== null && today.lat !== null ? { lng: today.lng, lat: today.lat } : null,
    inputs: {
      day,
      cases: today.ids,
      count: r.count,
      baseline: round(r.baseline, 4),
      p: r.p,
      yesterday: r.yesterday,
      ...(r.weekP === undefined ? {} : { weekP: r.weekP }),
    },
  }
}

function clusterWarning(
  rule: 'hotspot' | 'repeat_place',
  c: Cluster,
  window: string,
  classes: Names,
): RaisedWarning {
  const kind = classes.get(c.big_class) ?? { zh: c.big_class, en: c.big_class }
  const metres = Math.max(1, Math.round(c.radius_m))
  const hotspot = rule === 'hotspot'
  return {
    rule,
    scopePath: c.grid_path ?? '',
    // A hotspot is one a day; repeat complaints stay one warning while their first case stays in them.
    // Two clusters of one class in one grid are told apart by their first case.
    dedupKey: `${rule}|${c.big_class}|${c.grid_path ?? ''}|${hotspot ? `${window}|${c.case_ids[0]}` : c.case_ids[0]}`,
    level: hotspot && c.n >= 2 * HOTSPOT.minPoints ? 'red' : 'yellow',
    titleZh: hotspot
      ? `${kind.zh}类事件聚集：${HOTSPOT.hours} 小时内 ${c.n} 件，集中在约 ${metres} 米范围`
      : `同一地点重复投诉：${REPEAT_PLACE.days} 天内 ${c.n} 件${kind.zh}类诉求，相距不超过 ${metres} 米`,
    titleEn: hotspot
      ? `${c.n} ${kind.en} events within about ${metres} m in ${HOTSPOT.hours} hours`
      : `Repeat complaints: ${c.n} ${kind.en} reports within ${metres} m in ${REPEAT_PLACE.days} days`,
    categoryCode: c.big_class,
    location: { lng: c.lng, lat: c.lat },
    inputs: { count: c.n, radiusM: round(c.radius_m, 1), cases: c.case_ids, window },
  }
}

/** Workers on patrol now who went silent, or whose last position is outside their grid. */
function patrolWarnings(running: RunningPatrol[], now: Date): RaisedWarning[] {
  return running.flatMap((p) => {
    const warnings: RaisedWarning[] = []
    const lastMs = new Date(p.last_at ?? p.started_at).getTime()
    const silentMin = Math.floor((now.getTime() - lastMs) / 60_000)
    const where = p.lon !== null && p.lat !== null ? { lng: p.lon, lat: p.lat } : null
    const base = {
      scopePath: p.grid_path ?? '',
      level: 'yellow' as const,
      categoryCode: null,
      location: where,
    }
    if (silentMin >= OFFLINE_MINUTES)
      warnings.push({
        ...base,
        rule: 'worker_offline',
        dedupKey: `worker_offline|${p.patrol_id}`,
        titleZh: `网格员${p.user_name}巡查中已 ${silentMin} 分钟无定位`,
        titleEn: `${p.user_name} on patrol has sent no position for ${silentMin} minutes`,
        inputs: { patrolId: p.patrol_id, lastAt: p.last_at, silentMinutes: silentMin },
      })
    if (p.outside)
      warnings.push({
        ...base,
        rule: 'outside_grid',
        dedupKey: `outside_grid|${p.patrol_id}`,
        titleZh: `网格员${p.user_name}巡查中离开本网格${p.grid_name ? `（${p.grid_name}）` : ''}`,
        titleEn: `${p.user_name} on patrol is outside their grid${p.grid_name ? ` (${p.grid_name})` : ''}`,
        inputs: { patrolId: p.patrol_id, lastAt: p.last_at },
      })
    return warnings
  })
}

/** What the rules need besides the database: the cases' working calendar, the cipher of reporters' contacts. */
export interface DetectionDeps {
  calendar: WorkCalendar
  cipher: DataCipher
}

/**
 * One run of early warning at `now`: the rise rules over the rollup's cells, the hotspots of the
 * last 72 hours, repeat complaints of the last 30 days (by place, by household or reporter), workers
 * on patrol gone silent or out of their grid, events near or past their deadline, missed visits of
 * special groups. Deadline and visit warnings that no longer hold are settled by the system.
 * Answers the ids of warnings newly raised.
 */
export async function detectWarnings(db: Db, now: Date, deps: DetectionDeps): Promise<string[]> {
  const today = shanghaiDay(now)
  const cells = await rollupCells(db, dayFrom(today, 1 - HISTORY_DAYS), dayFrom(today, 1))
  const rises = detectRises(cells, today)
  const hotspots = await warningsRepo.clusters(db, {
    since: new Date(now.getTime() - HOTSPOT.hours * HOUR),
    until: now,
    eps: HOTSPOT.eps,
    minPoints: HOTSPOT.minPoints,
  })
  const repeats = await warningsRepo.clusters(db, {
    since: new Date(now.getTime() - REPEAT_PLACE.days * 24 * HOUR),
    until: now,
    eps: REPEAT_PLACE.eps,
    minPoints: REPEAT_PLACE.minPoints,
    sources: [...REPEAT_PLACE.sources],
  })
  const complaints = await rulesRepo.complaints(db, {
    since: new Date(now.getTime() - REPEAT_HOUSEHOLD.days * 24 * HOUR),
    until: now,
    sources: REPEAT_HOUSEHOLD.sources,
  })
  const placeSets = repeats.map((c) => new Set(c.case_ids))
  const households = householdGroups(complaints, deps.cipher, (ids) =>
    placeSets.some((set) => ids.every((id) => set.has(id))),
  )
  const grids = await rollupNames(
    db,
    'grid',
    rises.map((r) => r.node),
  )
  const classes = await rollupNames(db, 'category', [
    ...new Set([
      ...rises.map((r) => r.bigClass),
      ...hotspots.map((c) => c.big_class),
      ...repeats.map((c) => c.big_class),
      ...households.flatMap((g) => g.cases.map((c) => c.big_class)),
    ]),
  ])
  const running = await warningsRepo.running(db)
  const dayStart = new Date(Date.parse(`${today}T00:00:00+08:00`))
  const riseCases = await Promise.all(
    rises.map((r) =>
      warningsRepo.cellCases(db, { node: r.node, bigClass: r.bigClass, since: dayStart, until: now }),
    ),
  )
  const deadlines = await deadlineRun(db, now, deps.calendar)
  const visits = visitWarnings(await rulesRepo.missedVisits(db, today), today)
  const raised = await warningsRepo.raise(db, [
    ...rises.map((r, i) =>
      riseWarning(r, today, grids, classes, riseCases[i] ?? { ids: [], lng: null, lat: null }),
    ),
    ...hotspots.map((c) => clusterWarning('hotspot', c, today, classes)),
    ...repeats.map((c) => clusterWarning('repeat_place', c, today, classes)),
    ...households.map((g) => householdWarning(g, today, classes)),
    ...patrolWarnings(running, now),
    ...deadlines.raised,
    ...visits,
  ])
  await rulesRepo.resolve(db, await deadlines.stale(), now)
  await rulesRepo.resolve(db, await staleVisits(db, visits, today), now)
  return raised
}

/** The deadline warnings of this run, and (after they are raised) the open ones that no longer hold. */
async function deadlineRun(db: Db, now: Date, calendar: WorkCalendar) {
  const clocked = await rulesRepo.clockedCases(db, now)
  const near = deadlineWarnings(clocked, new Map(), calendar, now)
  const known = await rulesRepo.states(
    db,
    near.map((w) => w.dedupKey),
  )
  const settled = new Map([...known].filter(([, w]) => w.state !== 'open' && w.state !== 'converting'))
  const raised = deadlineWarnings(clocked, settled, calendar, now)
  const keys = new Set(raised.map((w) => w.dedupKey))
  return {
    raised,
    stale: async () => staleDeadlines(await rulesRepo.openOf(db, 'deadline'), keys, calendar, now),
  }
}

/** Open missed-visit warnings whose visit is no longer missed: visited (or rescheduled), or the membership ended. */
async function staleVisits(db: Db, raised: RaisedWarning[], today: string) {
  const keys = new Set(raised.map((w) => w.dedupKey))
  const stale = (await rulesRepo.openOf(db, 'visit_missed')).filter((w) => !keys.has(w.dedup_key))
  const running = await rulesRepo.runningMemberships(
    db,
    stale.map((w) => String(w.inputs.membershipId)),
    today,
  )
  return stale.map((w) => ({
    id: w.id,
    reason: running.has(String(w.inputs.membershipId)) ? 'no_longer_overdue' : 'membership_ended',
  }))
}

/** Early warning as the server runs it: every ten minutes, on any node (raising is idempotent). */
export function createWarningDetection(
  db: Db,
  clock: () => Date,
  deps: DetectionDeps,
  log: FastifyBaseLogger,
): PeriodicJob<string[]> {
  return periodicJob('early warning', DETECT_EVERY_MS, () => detectWarnings(db, clock(), deps), log)
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Early warning: the server runs it every ten minutes; tests run it with their clock. */
    warningDetection: PeriodicJob<string[]>
  }
}
