import { customType } from 'drizzle-orm/pg-core'

/** PostgreSQL `ltree`: a grid path such as `510104.001.002` (the empty path is the root). */
export const ltree = customType<{ data: string; driverData: string }>({
  dataType: () => 'ltree',
})

/** SHA-256 digests (of session tokens, API keys, audit rows) as 64 hex characters. */
export const sha256Hex = customType<{ data: string; driverData: string }>({
  dataType: () => 'text',
})

/**
 * PostGIS geometry in WGS84 (EPSG:4326). The driver hands back EWKB hex; queries that need
 * coordinates select `ST_AsGeoJSON(...)` and writes go through `ST_GeomFromGeoJSON(...)`.
 */
export const geometry = (name: string, kind: 'MultiPolygon' | 'Point') =>
  customType<{ data: string; driverData: string }>({ dataType: () => `geometry(${kind}, 4326)` })(name)
