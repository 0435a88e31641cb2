import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../db/database'

/** Every statement on household visits 入户走访 (the `visits` rows with a household). */

export interface HouseholdVisitRow {
  id: string
  household_id: string
  visitor_id: string
  visitor_name: string
  visited_at: Date | string
  lng: number | null
  lat: number | null
  outcome: string
  notes_sealed: string | null
  photos: string[]
  distance_m: number | null
  request_hash: string | null
}

const columns = sql`v.id, v.household_id, v.visitor_id, u.display_name as visitor_name, v.visited_at,
  ST_X(v.place) as lng, ST_Y(v.place) as lat, v.outcome, v.notes_sealed, v.photos, v.distance_m, v.request_hash`

export const householdVisitsRepo = {
  /** Writes the visit with its distance from the household's building (through its room), when both are known. */
  async insert(
    ex: Executor,
    v: {
      id: string
      householdId: string
      visitorId: string
      visitedAt: Date
      place: { lng: number; lat: number } | null
      outcome: string
      notesSealed: string | null
      photos: string[]
      requestHash: string | null
    },
  ): Promise<void> {
    const place = v.place
      ? sql`ST_SetSRID(ST_MakePoint(${v.place.lng}, ${v.place.lat}), 4326)`
      : sql`null::geometry`
    await ex.execute(sql`insert into visits (id, household_id, visitor_id, visited_at, place, outcome, notes_sealed,
        photos, distance_m, request_hash)
      select ${v.id}, ${v.householdId}, ${v.visitorId}, ${v.visitedAt.toISOString()}::timestamptz, p.place, ${v.outcome},
        ${v.notesSealed}, ${JSON.stringify(v.photos)}::jsonb,
        (select ST_Distance(p.place::geography, b.point::geography) from households h
          join rooms r on r.id = h.room_id join buildings b on b.id = r.building_id where h.id = ${v.householdId}),
        ${v.requestHash}
      from (select ${place} as place) p`)
  },

  async find(ex: Executor, id: string): Promise<HouseholdVisitRow | undefined> {
    const [row] = await queryRows<HouseholdVisitRow>(
      ex,
      sql`select ${columns} from visits v join users u on u.id = v.visitor_id where v.id = ${id}::uuid`,
    )
    return row
  },

  async list(ex: Executor, householdId: string): Promise<HouseholdVisitRow[]> {
    return queryRows(
      ex,
      sql`select ${columns} from visits v join users u on u.id = v.visitor_id
        where v.household_id = ${householdId}::uuid order by v.visited_at desc, v.id desc limit 200`,
    )
  },
}
