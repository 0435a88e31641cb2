import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/support/db'
import { makers } from '../../../test/support/make'
import { type Database, queryRows } from '../../db/database'
import { accountsOnDuty } from './dashboard.accounts'

let database: Database
let make: ReturnType<typeof makers>
let places: Awaited<ReturnType<ReturnType<typeof makers>['place']>>[]
const TODAY = '2026-05-20'

/** Distinct accounts holding a current worker post under `node` today, counted here from the rows. */
async function recount(node: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(distinct p.user_id)::int as n from grid_posts p join grids g on g.id = p.grid_id
      where p.user_id is not null and p.post in ('full_time_worker', 'part_time_worker', 'micro_leader')
        and p.valid_from <= ${TODAY}::date and (p.valid_to is null or p.valid_to >= ${TODAY}::date)
        and g.path <@ ${node}::ltree`,
  )
  return row?.n ?? 0
}

beforeAll(async () => {
  database = await testDatabase()
  make = makers(database.db)
  places = [await make.place({ d: '920001', x: 102 }), await make.place({ d: '920002', x: 103 })]
  // In each grid and micro-grid a worker with an account; one account holds both posts of district a.
  const [a] = places
  if (!a) throw new Error('no places')
  const both = await make.user({})
  await database.db.execute(sql`insert into grid_posts (id, grid_id, post, user_id, valid_from)
    select gen_random_uuid(), g.id, 'full_time_worker', ${both.id}::uuid, '2026-01-01' from grids g
    where g.path <@ ${a.paths.district}::ltree and g.level in ('grid', 'micro')`)
  for (const path of [places[1]?.paths.grid, places[1]?.micro]) {
    const worker = await make.user({})
    await database.db.execute(sql`insert into grid_posts (id, grid_id, post, user_id, valid_from)
      select gen_random_uuid(), id, 'micro_leader', ${worker.id}::uuid, '2026-01-01' from grids where path = ${path}::ltree`)
  }
})

afterAll(async () => {
  await database?.close()
})

describe('accounts on duty', () => {
  it('counts each account once, follows a grid moved to another district at once, and counts again only then', async () => {
    const [a, b] = places
    if (!a || !b) throw new Error('no places')
    const accounts = accountsOnDuty(database.db)
    const counted = async () => [
      await accounts([a.paths.district], TODAY),
      await accounts([b.paths.district], TODAY),
    ]
    expect(await counted()).toEqual([1, 2])
    expect(await counted()).toEqual([await recount(a.paths.district), await recount(b.paths.district)])
    // District b's micro-grid re-coded under district a's grid: its worker goes with it.
    const [target] = await queryRows<{ id: string }>(
      database.db,
      sql`select id from grids where path = ${a.paths.grid}::ltree`,
    )
    const moved = `${a.paths.grid}.${b.micro.split('.').at(-1)}9`
    await database.db.execute(
      sql`update grids set path = ${moved}::ltree, parent_id = ${target?.id}::uuid where path = ${b.micro}::ltree`,
    )
    expect(await counted()).toEqual([2, 1])
    expect(await counted()).toEqual([await recount(a.paths.district), await recount(b.paths.district)])
    // Kept until the counter moves: a post written with the triggers off (as a restore writes) is not
    // counted, which shows the figure was not counted again; removing it moves the counter.
    const worker = await make.user({})
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`)
      await tx.execute(sql`insert into grid_posts (id, grid_id, post, user_id, valid_from)
        select gen_random_uuid(), id, 'full_time_worker', ${worker.id}::uuid, '2026-01-01' from grids
        where path = ${a.paths.grid}::ltree`)
    })
    expect(await recount(a.paths.district)).toBe(3)
    expect(await counted()).toEqual([2, 1])
    await database.db.execute(sql`delete from grid_posts where user_id = ${worker.id}::uuid`)
    expect(await counted()).toEqual([2, 1])
    expect(await recount(a.paths.district)).toBe(2)
    // A grid renamed, a post's duties changed: who holds which post where is as it was, the counter stays.
    const [before] = await queryRows<{ v: number }>(
      database.db,
      sql`select version::int as v from dashboard_posts_version`,
    )
    await database.db.execute(sql`update grids set name = '改名' where path = ${a.paths.grid}::ltree`)
    await database.db.execute(sql`update grid_posts set duties = '巡查'`)
    const [after] = await queryRows<{ v: number }>(
      database.db,
      sql`select version::int as v from dashboard_posts_version`,
    )
    expect(after?.v).toBe(before?.v)
  })
})
