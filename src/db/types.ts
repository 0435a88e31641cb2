import { customType } from 'drizzle-orm/pg-core'

/** PostgreSQL `ltree`: a grid path such as `510104.001.002` (the empty path is the root). */
export const ltree = customType<{ data: string; driverData: string }>({
  dataType: () => 'ltree',
})

/** SHA-256 digests of secrets (session tokens, API keys), stored as hex text. */
export const sha256Hex = customType<{ data: string; driverData: string }>({
  dataType: () => 'char(64)',
})
