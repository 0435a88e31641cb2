import { sql } from 'drizzle-orm'
import { dropIndexesFor } from '../../db/bulk'
import { type Db, queryRows } from '../../db/database'
import { syncCategories } from '../cases/categories/categories.sync'
import { buildRollup, bulkSettings, ROLLUP_FACTS } from '../cases/rollup/rollup.read'
import { analyzeAfterLoad } from './demo.load.repo'

/** Events a demo gets unless asked for more: a year a command centre can look at. */
export const DEMO_HISTORY_EVENTS = 100_000
/** How far back the history reaches (today included). */
const DAYS = 365
/** The rollup's statement triggers on cases, bypassed while a batch is loaded and added set-based. */
const ROLLUP_TRIGGERS = ['cases_rollup_insert'] as const

export interface HistoryReport {
  events: number
  rollupRows: number
  seconds: number
}

/** Events reported on each of the last DAYS days, oldest first: more on weekdays, a city growing. */
export function eventsPerDay(total: number, today: Date): number[] {
  const weights = Array.from({ length: DAYS }, (_, i) => {
    const day = new Date(today.getTime() - (DAYS - 1 - i) * 86_400_000)
    const weekday = day.getUTCDay()
    return (weekday === 0 || weekday === 6 ? 0.7 : 1.1) * (0.85 + (0.3 * i) / DAYS)
  })
  const sum = weights.reduce((a, b) => a + b, 0)
  const shares = weights.map((w) => (total * w) / sum)
  const counts = shares.map(Math.floor)
  // What the rounding down left goes a day each to the days it cut most (not all to today).
  const left = total - counts.reduce((a, b) => a + b, 0)
  const cut = shares.map((s, i) => [s - Math.floor(s), i] as const).sort((a, b) => b[0] - a[0])
  for (const [, i] of cut.slice(0, left)) counts[i] = (counts[i] ?? 0) + 1
  return counts
}

/**
 * One day's events, spread over the demo's micro-grids (at a point inside each one's box) and
 * categories (a few classes common, most rare): the state depends on the event's age (today's are
 * mostly open, last year's mostly closed); handling time, deadlines met and ratings depend on the
 * grid's own quality, so rankings and indicators spread instead of all scoring alike. `i0` numbers
 * the first one.
 */
function dayOfEvents(dayStart: Date, age: number, count: number, i0: number) {
  return sql`select gen_random_uuid() as id, 'DEMO' || lpad((${i0}::int + n)::text, 8, '0') as no,
      cat.code as category_code,
      (array['worker', 'worker', 'worker', 'worker', 'resident', 'resident', 'hotline', 'hotline',
        'integration', 'department'])[1 + floor(u[2] * 10)::int] as source,
      st.state, '演示事件' as description, 'grid' as level,
      g.id as grid_id, g.path as grid_path, subpath(g.path, 0, least(4, nlevel(g.path))) as owner_path,
      ST_SetSRID(ST_MakePoint(g.x0 + u[3] * (g.x1 - g.x0), g.y0 + u[4] * (g.y1 - g.y0)), 4326) as location,
      case when u[5] < 0.05 then 'urgent' else 'normal' end as urgency,
      u[6] < 0.01 as deferred,
      t.reported_at,
      t.reported_at + interval '2 hours' as accept_due,
      a.accepted_at,
      a.accepted_at + interval '3 days' as handle_due,
      h.handled_at,
      h.handled_at + interval '1 day' as verify_due,
      a.accepted_at > t.reported_at + interval '2 hours' as accept_overdue,
      h.handled_at > a.accepted_at + interval '3 days' as handle_overdue,
      cl.closed_at,
      case when cl.closed_at is not null and u[7] < 0.6 then
        case when u[8] < 0.55 + 0.4 * g.quality then 4 + (u[9] < 0.7)::int else 1 + floor(u[9] * 3)::int end end
        as rating,
      st.state = 'reopened' or (cl.closed_at is not null and u[10] < 0.03) as reworked,
      a.accepted_at is not null and u[11] < 0.04 as extended,
      coalesce(h.handled_at, a.accepted_at, t.reported_at) as stage_started_at,
      t.reported_at as created_at, coalesce(cl.closed_at, h.handled_at, a.accepted_at, t.reported_at) as updated_at
    -- Drawn once for every event: \`offset 0\` keeps the subquery whole, else each use of u draws anew.
    from (select n, array[random(), random(), random(), random(), random(), random(), random(), random(),
        random(), random(), random(), random()] as u from generate_series(1, ${count}::int) n offset 0) r,
      lateral (select * from demo_leaf where k = floor(u[1] * (select count(*) from demo_leaf))::int) g,
      lateral (select (select array_agg(code order by code) from case_categories where active and length(code) = 5)
        as codes) cats,
      lateral (select cats.codes[1 + floor(power(u[12], 2.2) * cardinality(cats.codes))::int] as code) cat,
      lateral (select ${dayStart}::timestamptz + interval '7 hours' + u[2] * u[3] * interval '14 hours'
        + u[5] * interval '3 hours' as reported_at) t,
      lateral (select case
          when ${age}::int >= 30 then case
            when u[6] < 0.86 then 'closed' when u[6] < 0.90 then 'rejected' when u[6] < 0.91 then 'voided'
            when u[6] < 0.92 then 'merged' when u[6] < 0.93 then 'suspended' when u[6] < 0.95 then 'in_progress'
            when u[6] < 0.96 then 'handled' when u[6] < 0.97 then 'verified' when u[6] < 0.98 then 'reopened'
            else 'escalated' end
          when ${age}::int >= 7 then case
            when u[6] < 0.66 then 'closed' when u[6] < 0.70 then 'rejected' when u[6] < 0.78 then 'in_progress'
            when u[6] < 0.84 then 'handled' when u[6] < 0.88 then 'dispatched' when u[6] < 0.91 then 'verified'
            when u[6] < 0.93 then 'reopened' when u[6] < 0.95 then 'returned' when u[6] < 0.97 then 'escalated'
            else 'suspended' end
          else case
            when u[6] < 0.12 * (1 - ${age}::int / 8.0) + 0.02 then 'reported'
            when u[6] < 0.24 then 'accepted' when u[6] < 0.38 then 'dispatched' when u[6] < 0.56 then 'in_progress'
            when u[6] < 0.66 then 'handled' when u[6] < 0.71 then 'verified' when u[6] < 0.74 then 'rejected'
            when u[6] < 0.75 then 'returned' when u[6] < 0.76 then 'escalated' else 'closed' end
        end as state) st,
      lateral (select case when st.state not in ('reported', 'rejected', 'voided', 'merged')
        then t.reported_at + (5 + u[7] * 200 * (1.3 - g.quality)) * interval '1 minute' end as accepted_at) a,
      lateral (select case when st.state in ('handled', 'verified', 'closed', 'reopened')
        then a.accepted_at + (1 + u[8] * 110 * (1.4 - g.quality)) * interval '1 hour' end as handled_at) h,
      lateral (select case when st.state = 'closed'
        then h.handled_at + (1 + u[9] * 20) * interval '1 hour' end as closed_at) cl`
}

/** What a batch inserts, column by column, in dayOfEvents' names. */
const COLUMNS = sql.raw(
  'id, no, category_code, source, state, description, level, grid_id, grid_path, owner_path, location, ' +
    'urgency, deferred, reported_at, accept_due, accepted_at, handle_due, handled_at, verify_due, ' +
    'accept_overdue, handle_overdue, closed_at, rating, reworked, extended, stage_started_at, created_at, updated_at',
)

/**
 * A year of events 事件 on the demo city already loaded: `events` cases over the last 365 days on its
 * micro-grids, in every state, with deadlines, ratings, rework and extensions. One transaction, a
 * statement a day: the rollup's insert trigger is disabled inside it (so no change is queued one by
 * one) and each day's contributions are staged for the rollup's bulk build from the inserted rows,
 * in the same statement. Refuses a database with cases: history is for a demo, never mixed with
 * real events.
 */
export async function seedDemoHistory(
  db: Db,
  events = DEMO_HISTORY_EVENTS,
  now = new Date(),
  onBatch?: (loaded: number, total: number) => void,
): Promise<HistoryReport> {
  const started = performance.now()
  const [held] = await queryRows<{ cases: boolean; grids: number }>(
    db,
    sql`select exists (select 1 from cases) as cases,
      (select count(*)::int from grids where level = 'micro' and valid_to is null) as grids`,
  )
  if (held?.cases)
    throw new Error('the database already has events: history loads only into a demo without any')
  if (!held?.grids)
    throw new Error('the database has no micro-grids: load the demo city first (wangge seed demo)')
  await syncCategories(db)

  const todayStart = new Date(
    `${new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)}T00:00:00+08:00`,
  )
  const perDay = eventsPerDay(events, todayStart)
  let loaded = 0
  const rollupRows = await db.transaction(async (tx) => {
    await bulkSettings(tx)
    // Secondary indexes are built once at the end instead of row by row (a GiST insert per event
    // ran at ~2,000 events/s). One transaction: a failed load leaves the database as it was.
    const rebuildIndexes = await dropIndexesFor(tx, 'cases')
    await tx.execute(sql`create temporary table demo_leaf on commit drop as
      select (row_number() over (order by code))::int - 1 as k, id, path,
        ST_XMin(boundary) as x0, ST_YMin(boundary) as y0, ST_XMax(boundary) as x1, ST_YMax(boundary) as y1,
        -- A grid's own quality, steady over the year, partly shared by its street.
        0.6 * (abs(hashtext(code)) % 1000) / 1000.0 + 0.4 * (abs(hashtext(left(code, 9))) % 1000) / 1000.0 as quality
      from grids where level = 'micro' and valid_to is null`)
    await tx.execute(sql`create index on demo_leaf (k)`)
    await tx.execute(sql`analyze demo_leaf`)
    for (const trigger of ROLLUP_TRIGGERS)
      await tx.execute(sql.raw(`alter table cases disable trigger ${trigger}`))
    const built = await buildRollup(tx, async (rollup) => {
      for (const [i, count] of perDay.entries()) {
        const age = DAYS - 1 - i
        const dayStart = new Date(todayStart.getTime() - age * 86_400_000)
        await rollup.add(
          sql`insert into cases (${COLUMNS}) ${dayOfEvents(dayStart, age, count, loaded)} returning ${ROLLUP_FACTS}`,
        )
        loaded += count
        if (i % 30 === 29 || i === DAYS - 1) onBatch?.(loaded, events)
      }
    })
    for (const trigger of ROLLUP_TRIGGERS)
      await tx.execute(sql.raw(`alter table cases enable trigger ${trigger}`))
    await rebuildIndexes()
    return built.rows
  })
  await analyzeAfterLoad(db)
  return { events: loaded, rollupRows, seconds: (performance.now() - started) / 1000 }
}
