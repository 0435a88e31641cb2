import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'

/**
 * A grid whose boundary is a box, loaded in bulk for seeded data (the demo city). Nothing is checked:
 * the caller guarantees codes, paths and tiling; user input goes through the grids service instead.
 */
export interface BoxGrid {
  id: string
  parentId: string | null
  code: string
  name: string
  level: string
  path: string
  /** [west, south, east, north] in degrees. */
  box: [number, number, number, number]
  households: number
  population: number
  responsibleUnit: string
}

export const gridsSeedRepo = {
  async count(ex: Executor): Promise<number> {
    const [row] = await queryRows<{ n: number }>(ex, sql`select count(*)::int as n from grids`)
    return Number(row?.n ?? 0)
  },

  /** Inserts a batch in one statement (foreign keys are checked at its end, so parents may be in it). */
  async insertBoxes(ex: Executor, rows: readonly BoxGrid[]): Promise<void> {
    const json = JSON.stringify(
      rows.map((g) => ({
        id: g.id,
        parent_id: g.parentId,
        code: g.code,
        name: g.name,
        level: g.level,
        path: g.path,
        box: g.box,
        hh: g.households,
        pop: g.population,
        unit: g.responsibleUnit,
      })),
    )
    await ex.execute(sql`
    insert into grids (id, code, name, level, path, parent_id, boundary, households, population, responsible_unit)
    select r.id, r.code, r.name, r.level, r.path::ltree,
      r.parent_id,
      ST_Multi(ST_MakeEnvelope((r.box->>0)::float8, (r.box->>1)::float8, (r.box->>2)::float8, (r.box->>3)::float8, 4326)),
      r.hh, r.pop, r.unit
    from json_to_recordset(${json}::json)
      as r(id uuid, parent_id uuid, code text, name text, level text, path text, box json, hh int, pop int, unit text)
`)
  },
}
