import { type SQL, sql } from 'drizzle-orm'
import { CLOSED_STATES } from './cases.states'

/**
 * The closed states of cases.states.ts as a list of SQL literals, for `c.state not in (…)`: literals
 * rather than parameters, so the statement's text (and its plan) stays the same on every call.
 */
export const closedStatesSql = sql.raw(CLOSED_STATES.map((s) => `'${s}'`).join(', '))

export interface NearbyQuery {
  categoryCode: string
  lng: number
  lat: number
  radiusM: number
  since: Date
  except?: string
}

export interface NearbyRow {
  id: string
  no: string
  state: string
  distance_m: number
  reported_at: Date
  followers: number
  /** Listed publicly: a public category and the reporter's consent. */
  published: boolean
}

/**
 * Open cases of a category near a point reported since a time, nearest first (five at most):
 * candidates for a merge, or for "me too" instead of a new report. Run alone (`casesRepo.nearby`)
 * and inside the intake's own statement.
 */
export function nearbySql(q: NearbyQuery): SQL {
  // The box (in degrees, a little wider than the radius) lets the GiST index find the few
  // candidates; the geography distance then decides in metres.
  const box = ((q.radiusM / 111_320) * 1.1) / Math.max(Math.cos((q.lat * Math.PI) / 180), 0.01)
  return sql`select c.id, c.no, c.state, round(ST_Distance(c.location::geography, p.g)::numeric, 1)::float as distance_m,
      c.reported_at, (select count(*)::int from case_followers f where f.case_id = c.id) as followers,
      (c.publish_consent and coalesce((select k.is_public from case_categories k where k.code = c.category_code), false)) as published
    from cases c, (select ST_SetSRID(ST_MakePoint(${q.lng}, ${q.lat}), 4326)::geography as g,
      ST_Expand(ST_SetSRID(ST_MakePoint(${q.lng}, ${q.lat}), 4326), ${box}::float8) as box) p
    where c.category_code = ${q.categoryCode} and c.reported_at >= ${q.since}
      and c.state not in (${closedStatesSql})
      and c.location && p.box and ST_DWithin(c.location::geography, p.g, ${q.radiusM})
      ${q.except ? sql`and c.id <> ${q.except}` : sql``}
    order by distance_m, c.reported_at limit 5`
}
