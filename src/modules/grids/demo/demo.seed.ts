import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../db/database'
import { systemContext } from '../../../lib/context'
import { uuidv7 } from '../../../lib/ids'
import { inTransaction, type ServiceDeps } from '../../../lib/service'
import { recordAudit } from '../../audit/audit.service'
import { seedDemoStaff } from '../../staff/staff.demo'
import { type DemoScale, generateDemo } from './demo.generate'

const BATCH = 2000

/** Inserts a batch in one statement (foreign keys are checked at its end, so parents may be in it). */
async function insertBatch(ex: Executor, rows: ReturnType<typeof generateDemo>, ids: Map<string, string>) {
  const json = JSON.stringify(
    rows.map((g) => ({
      id: ids.get(g.code),
      parent_id: g.parentCode ? ids.get(g.parentCode) : null,
      code: g.code,
      name: g.name,
      level: g.level,
      path: g.path,
      box: g.box,
      hh: g.households,
      pop: g.population,
    })),
  )
  await ex.execute(sql`
    insert into grids (id, code, name, level, path, parent_id, boundary, households, population, responsible_unit)
    select r.id, r.code, r.name, r.level, r.path::ltree,
      r.parent_id,
      ST_Multi(ST_MakeEnvelope((r.box->>0)::float8, (r.box->>1)::float8, (r.box->>2)::float8, (r.box->>3)::float8, 4326)),
      r.hh, r.pop, r.name || '办事处'
    from json_to_recordset(${json}::json)
      as r(id uuid, parent_id uuid, code text, name text, level text, path text, box json, hh int, pop int)
`)
}

/**
 * Loads the demo city (see generateDemo) in one transaction. Refuses when grids exist already:
 * a demo must not mix with real data.
 */
export async function seedDemo(deps: ServiceDeps, scale: DemoScale, seed = 1): Promise<number> {
  const [existing] = await queryRows<{ n: number }>(deps.db, sql`select count(*)::int as n from grids`)
  if (Number(existing?.n) > 0)
    throw new Error('the database already has grids: the demo city loads only into an empty one')
  const grids = generateDemo(scale, seed)
  const ids = new Map(grids.map((g) => [g.code, uuidv7()]))
  await inTransaction(deps, async (tx) => {
    for (let i = 0; i < grids.length; i += BATCH) await insertBatch(tx, grids.slice(i, i + BATCH), ids)
    await seedDemoStaff(
      tx,
      grids.map((g) => ({ id: ids.get(g.code) as string, code: g.code, level: g.level })),
    )
    await recordAudit(tx, systemContext('seed'), {
      action: 'grid.seed_demo',
      resourceType: 'grid',
      summary: { scale, seed, grids: grids.length },
    })
  })
  return grids.length
}

/** On the first start of an empty database: the demo district, so there is something to look at. */
export async function loadDemoIfEmpty(deps: ServiceDeps): Promise<number> {
  const [existing] = await queryRows<{ n: number }>(deps.db, sql`select count(*)::int as n from grids`)
  return Number(existing?.n) > 0 ? 0 : seedDemo(deps, 'district')
}
