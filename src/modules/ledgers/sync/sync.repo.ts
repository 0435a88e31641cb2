import { type SQL, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../db/database'
import { andPathWithin } from '../../../db/scope-sql'
import type { PersonGridRow } from '../people/people.repo'
import type { HouseholdRow } from '../places/households.repo'
import { type BuildingRow, buildingColumns, fromBuildings } from '../places/places.repo'

/**
 * The rows the field app's sync feed presents: by ids (what the change log named), or a keyset page
 * by id (the first sync), always within the reader's subtrees.
 */
export type SyncSelection = { ids: string[] } | { after: string | null; limit: number }

function where(alias: string, within: string[], s: SyncSelection): { filter: SQL; tail: SQL } {
  const id = sql.raw(`${alias}.id`)
  const scope = andPathWithin(sql.raw(`${alias}.grid_path`), within)
  if ('ids' in s) {
    const ids = s.ids.length
      ? sql.join(
          s.ids.map((i) => sql`${i}::uuid`),
          sql`, `,
        )
      : sql`null::uuid`
    return { filter: sql`${id} in (${ids}) ${scope}`, tail: sql`` }
  }
  const after = s.after ? sql`${id} > ${s.after}::uuid` : sql`true`
  return { filter: sql`${after} ${scope}`, tail: sql`order by ${id} limit ${s.limit}` }
}

export const syncRepo = {
  buildings(ex: Executor, within: string[], s: SyncSelection): Promise<BuildingRow[]> {
    const w = where('b', within, s)
    return queryRows(ex, sql`select ${buildingColumns} from ${fromBuildings} where ${w.filter} ${w.tail}`)
  },

  households(ex: Executor, within: string[], s: SyncSelection): Promise<HouseholdRow[]> {
    const w = where('h', within, s)
    return queryRows(
      ex,
      sql`select h.id, h.number, h.grid_id, h.grid_path::text as grid_path, g.code as grid_code, g.name as grid_name,
          h.room_id, r.number as room_number, u.name as unit_name, r.building_id, b.address, h.head_person_id,
          h.version
        from households h join grids g on g.id = h.grid_id
          left join rooms r on r.id = h.room_id left join buildings b on b.id = r.building_id
          left join building_units u on u.id = r.unit_id
        where ${w.filter} ${w.tail}`,
    )
  },

  people(ex: Executor, within: string[], s: SyncSelection): Promise<PersonGridRow[]> {
    const w = where('p', within, s)
    return queryRows(
      ex,
      sql`select p.*, g.code as grid_code, g.name as grid_name
        from people p join grids g on g.id = p.grid_id where ${w.filter} ${w.tail}`,
    )
  },
}
