import { customType, timestamp } from 'drizzle-orm/pg-core'

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
export const geometry = (name: string, kind: 'MultiPolygon' | 'Point' | 'MultiLineString') =>
  customType<{ data: string; driverData: string }>({ dataType: () => `geometry(${kind}, 4326)` })(name)

/** Raw bytes (a staff photo): the driver hands back a Buffer/Uint8Array. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
})

/** When a row was written, and last changed: every table that has them spells them alike. */
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
