import { type SQL, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/support/db'
import { makers } from '../../../test/support/make'
import { type Database, queryRows } from '../../db/database'
import { systemContext } from '../../lib/context'
import { createDashboardService } from './dashboard.service'
import { summaryRepo } from './dashboard.summary.repo'

let database: Database
let places: Awaited<ReturnType<ReturnType<typeof makers>['place']>>[]
const TODAY = '2026-05-20'
const DAYS = ['2025-01-01', '2026-03-31', '2026-04-01', TODAY, '2026-06-30', '2026-07-01', '2027-01-01']

/** The figures under `node` on `day`, counted here from the rows themselves: what the summary must say. */
async function recount(node: string, day: string): Promise<Map<string, number>> {
  const under = (column: string) => (node === '' ? sql`true` : sql`${sql.raw(column)} <@ ${node}::ltree`)
  const current = (from: string, to: string) =>
    sql`${sql.raw(from)} <= ${day}::date and (${sql.raw(to)} is null or ${sql.raw(to)} >= ${day}::date)`
  const parts: SQL[] = [
    sql`select 'people' as measure, kind as value, count(*)::int as n from people where ${under('grid_path')} group by kind`,
    sql`select 'households', '', count(*)::int from households where ${under('grid_path')}`,
    sql`select 'buildings', '', count(*)::int from buildings where ${under('grid_path')}`,
    sql`select 'rooms', '', count(*)::int from rooms r join buildings b on b.id = r.building_id where ${under('b.grid_path')}`,
    sql`select 'rented', '', count(*)::int from rooms r join buildings b on b.id = r.building_id
      where r.occupancy = 'rented' and ${under('b.grid_path')}`,
    sql`select 'organizations', kind, count(*)::int from organizations where ${under('grid_path')} group by kind`,
    sql`select 'groups', group_code, count(*)::int from group_memberships
      where ${current('starts_on', 'ends_on')} and ${under('grid_path')} group by group_code`,
    sql`select 'posts', p.post, count(*)::int from grid_posts p join grids g on g.id = p.grid_id
      where ${current('p.valid_from', 'p.valid_to')} and ${under('g.path')} group by p.post`,
    sql`select 'grids', nlevel(path) || ' ' || level, count(*)::int from grids
      where valid_to is null and ${under('path')} group by 2`,
  ]
  const rows = await queryRows<{ measure: string; value: string; n: number }>(
    database.db,
    sql.join(parts, sql` union all `),
  )
  return new Map(rows.filter((r) => r.n !== 0).map((r) => [`${r.measure}/${r.value}`, r.n]))
}

async function summary(node: string, day: string): Promise<Map<string, number>> {
  const rows = await summaryRepo.read(database.db, [node], day)
  return new Map(rows.map((r) => [`${r.measure}/${r.value}`, r.n]))
}

/** Every node the summary keeps here (root, districts, streets, communities), on every day. */
async function expectSummaryEqualsRecount() {
  const nodes = ['', ...places.flatMap((p) => [p.paths.district, p.paths.street, p.paths.community])]
  for (const node of nodes)
    for (const day of DAYS)
      expect(await summary(node, day), `${node || 'root'} on ${day}`).toEqual(await recount(node, day))
}

const gridId = async (path: string) => {
  const [row] = await queryRows<{ id: string }>(
    database.db,
    sql`select id from grids where path = ${path}::ltree`,
  )
  return row?.id ?? ''
}

async function addPeople(path: string, kinds: string[]) {
  const grid = await gridId(path)
  const rows = await queryRows<{ id: string }>(
    database.db,
    sql`insert into people (id, grid_id, grid_path, kind, id_type, name)
      select gen_random_uuid(), ${grid}::uuid, ${path}::ltree, k, 'resident', '居民' || i
      from unnest(${`{${kinds.join(',')}}`}::text[]) with ordinality as x(k, i) returning id`,
  )
  return rows.map((r) => r.id)
}

async function addBuilding(path: string, rooms: (string | null)[]) {
  const grid = await gridId(path)
  const [b] = await queryRows<{ id: string }>(
    database.db,
    sql`insert into buildings (id, grid_id, grid_path, code, name, address, point)
      values (gen_random_uuid(), ${grid}::uuid, ${path}::ltree, 'b' || floor(random() * 1e9)::text, '楼', '某路 1 号',
        ST_SetSRID(ST_MakePoint(100.01, 30.01), 4326)) returning id`,
  )
  await database.db.execute(sql`insert into rooms (id, building_id, number, occupancy)
    select gen_random_uuid(), ${b?.id}::uuid, i::text, o
    from unnest(${`{${rooms.map((r) => r ?? 'NULL').join(',')}}`}::text[]) with ordinality as x(o, i)`)
  return b?.id ?? ''
}

beforeAll(async () => {
  database = await testDatabase()
  const make = makers(database.db)
  places = [await make.place({ d: '910001', x: 100 }), await make.place({ d: '910002', x: 101 })]
  const [a, b] = places
  if (!a || !b) throw new Error('no places')
  const people = await addPeople(a.micro, ['registered', 'registered', 'floating', 'foreign'])
  await addPeople(b.paths.grid, ['floating', 'registered'])
  await database.db.execute(sql`insert into households (id, grid_id, grid_path)
    select gen_random_uuid(), g.id, g.path from grids g where g.level in ('grid', 'micro')`)
  await addBuilding(a.micro, ['rented', 'rented', 'self_occupied', null])
  await addBuilding(b.paths.grid, ['vacant', 'rented'])
  await database.db.execute(sql`insert into organizations (id, grid_id, grid_path, kind, name)
    select gen_random_uuid(), g.id, g.path, k, '单位' from grids g, unnest('{enterprise,shop,shop}'::text[]) k
    where g.level = 'grid'`)
  // Current, ended, not yet started, ended before it started (never counted).
  await database.db.execute(sql`insert into group_memberships (id, person_id, grid_id, grid_path, group_code, starts_on, ends_on)
    select gen_random_uuid(), p.id, p.grid_id, p.grid_path, x.code, x.starts::date, x.ends::date
    from people p, (values ('community_correction', '2026-01-01', null), ('drug_user', '2025-06-01', '2026-03-31'),
      ('community_correction', '2026-07-01', '2026-12-31'), ('key_youth', '2026-05-01', '2026-04-01')) x(code, starts, ends)
    where p.id = ${people[0]}::uuid`)
  await database.db.execute(sql`insert into grid_posts (id, grid_id, post, person_name, valid_from, valid_to)
    select gen_random_uuid(), g.id, x.post, '网格员', x.starts::date, x.ends::date from grids g,
      (values ('full_time_worker', '2026-01-01', null), ('part_time_worker', '2026-01-01', '2026-06-30'),
        ('grid_chief', '2026-04-01', null)) x(post, starts, ends)
    where g.level in ('grid', 'micro', 'community')`)
})

afterAll(async () => {
  await database?.close()
})

describe('the base-data summary', () => {
  it('equals a recount from the rows after inserts, on every day, before and after the fold', async () => {
    const root = await recount('', TODAY)
    expect([
      root.get('people/registered'),
      root.get('rented/'),
      root.get('groups/community_correction'),
    ]).toEqual([3, 3, 1])
    await expectSummaryEqualsRecount()
    expect(await summaryRepo.fold(database.db, 100_000)).toBeGreaterThan(0)
    const [queued] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from base_counts_queue`,
    )
    expect(queued?.n).toBe(0)
    await expectSummaryEqualsRecount()
  })

  it('follows moves: people, a building with its rooms, a room let, a membership ended, a grid with its posts', async () => {
    const [a, b] = places
    if (!a || !b) throw new Error('no places')
    const target = await gridId(b.paths.grid)
    await database.db.execute(sql`update people set grid_id = ${target}::uuid, grid_path = ${b.paths.grid}::ltree
      where grid_path = ${a.micro}::ltree and kind = 'registered'`)
    await database.db.execute(sql`update buildings set grid_id = ${target}::uuid, grid_path = ${b.paths.grid}::ltree
      where grid_path = ${a.micro}::ltree`)
    await database.db.execute(sql`update rooms set occupancy = 'rented' where occupancy = 'vacant'`)
    await database.db.execute(sql`update group_memberships set ends_on = '2026-05-19' where ends_on is null`)
    await database.db.execute(
      sql`update organizations set kind = 'enterprise' where kind = 'shop' and grid_path <@ ${a.paths.district}::ltree`,
    )
    // A micro-grid re-coded under another grid (its posts go with it; nothing else lies in it now).
    const moved = `${b.paths.grid}.${a.micro.split('.').at(-1)}9`
    await database.db.execute(sql`delete from households where grid_path = ${a.micro}::ltree`)
    await database.db.execute(sql`delete from people where grid_path = ${a.micro}::ltree`)
    await database.db.execute(
      sql`update grids set path = ${moved}::ltree, parent_id = ${target}::uuid where path = ${a.micro}::ltree`,
    )
    await expectSummaryEqualsRecount()
    await summaryRepo.fold(database.db, 100_000)
    await expectSummaryEqualsRecount()
  })

  it('follows deletes and a retired grid', async () => {
    const [, b] = places
    if (!b) throw new Error('no places')
    await database.db.execute(sql`delete from group_memberships`)
    await database.db.execute(sql`delete from rooms where occupancy = 'rented'`)
    await database.db.execute(sql`delete from grid_posts where post = 'part_time_worker'`)
    await database.db.execute(sql`delete from organizations where kind = 'enterprise'`)
    await database.db.execute(sql`update grids set valid_to = '2026-05-01' where path = ${b.micro}::ltree`)
    await database.db.execute(sql`delete from households where grid_path <@ ${b.paths.district}::ltree`)
    await summaryRepo.fold(database.db, 1)
    await expectSummaryEqualsRecount()
    await summaryRepo.fold(database.db, 100_000)
    await expectSummaryEqualsRecount()
    await summaryRepo.rebuild(database.db)
    await expectSummaryEqualsRecount()
  })

  it('gives the big screen the same base data as counting the rows below it', async () => {
    const [a] = places
    if (!a) throw new Error('no places')
    const now = new Date(`${TODAY}T04:00:00Z`)
    const screen = createDashboardService(database.db, () => now)
    const ctx = systemContext('test')
    // A community is answered from the summary, its grid (one deeper) from the rows: both agree on the grid's part.
    const community = await screen.screen(ctx, { grid: a.paths.community.split('.').join(''), period: 'day' })
    const people = await recount(a.paths.community, TODAY)
    expect(community.base.people.total).toBe(
      ['registered', 'floating', 'foreign'].reduce((n, k) => n + (people.get(`people/${k}`) ?? 0), 0),
    )
    expect(community.base.workers).toBe(
      (people.get('posts/full_time_worker') ?? 0) + (people.get('posts/part_time_worker') ?? 0),
    )
    expect(community.base.grids.map((g) => g.level)).toEqual(['grid'])
  })
})
