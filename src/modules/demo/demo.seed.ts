import { systemContext } from '../../lib/context'
import type { FieldCipher } from '../../lib/field-crypto'
import { uuidv7 } from '../../lib/ids'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import { seedRoutes } from '../cases/config/config.seed'
import { hasGrids, seedBoxGrids } from '../grids/grids.seed'
import { seedDemoPeople } from '../ledgers/people/people.demo'
import { seedDemoPlaces } from '../ledgers/places/places.demo'
import { seedDemoStaff } from '../staff/staff.demo'
import { type DemoScale, generateDemo } from './demo.generate'
import { analyzeAfterLoad } from './demo.load.repo'
import { demoRoutes } from './demo.routes'

/**
 * Loads the demo city (see generateDemo) with its staff, departments and routing rules, in one
 * transaction. Refuses when grids exist already: a demo must not mix with real data.
 */
export async function seedDemo(
  deps: ServiceDeps,
  scale: DemoScale,
  seed = 1,
  /** Seals the demo people's personal fields; without it the demo has no people ledger. */
  fields?: FieldCipher,
): Promise<number> {
  if (await hasGrids(deps.db))
    throw new Error('the database already has grids: the demo city loads only into an empty one')
  const grids = generateDemo(scale, seed)
  const ids = new Map(grids.map((g) => [g.code, uuidv7()]))
  const idOf = (code: string) => ids.get(code) as string
  await inTransaction(deps, async (tx) => {
    await seedBoxGrids(
      tx,
      grids.map((g) => ({
        id: idOf(g.code),
        parentId: g.parentCode ? idOf(g.parentCode) : null,
        code: g.code,
        name: g.name,
        level: g.level,
        path: g.path,
        box: g.box,
        households: g.households,
        population: g.population,
        responsibleUnit: `${g.name}办事处`,
      })),
    )
    await seedDemoStaff(
      tx,
      grids.map((g) => ({ id: idOf(g.code), code: g.code, level: g.level })),
    )
    if (fields) {
      // The people ledger of the first two grids' micro-grids (实有人口), sealed as real ones are.
      const firstGrids = new Set(
        grids
          .filter((g) => g.level === 'grid')
          .slice(0, 2)
          .map((g) => g.code),
      )
      const micros = grids
        .filter((g) => g.level === 'micro' && g.parentCode && firstGrids.has(g.parentCode))
        .map((g) => ({ id: idOf(g.code), code: g.code, path: g.path }))
      await seedDemoPeople(tx, fields, micros, 40, seed)
    }
    await seedDemoPlaces(
      tx,
      grids
        .filter((g) => g.level === 'micro')
        .map((g) => ({ id: idOf(g.code), path: g.path, name: g.name, box: g.box })),
    )
    await seedRoutes(tx, demoRoutes(grids.filter((g) => g.level === 'district').map((g) => g.path)))
    await recordAudit(tx, systemContext('seed'), {
      action: 'grid.seed_demo',
      resourceType: 'grid',
      summary: { scale, seed, grids: grids.length },
    })
  })
  await analyzeAfterLoad(deps.db)
  return grids.length
}

/** On the first start of an empty database: the demo district, so there is something to look at. */
export async function loadDemoIfEmpty(deps: ServiceDeps, fields?: FieldCipher): Promise<number> {
  return (await hasGrids(deps.db)) ? 0 : seedDemo(deps, 'district', 1, fields)
}
