import { getTableConfig, PgTable } from 'drizzle-orm/pg-core'
import { describe, expect, it } from 'vitest'
import * as schema from '../../db/schema'
import { SEALED_TABLES } from './datakeys.columns'

describe('the re-encryption job knows every sealed column', () => {
  it('lists each `*_sealed` column of the schema, and each `*_bidx` beside it', () => {
    const inSchema: string[] = []
    for (const table of Object.values(schema)) {
      if (!(table instanceof PgTable)) continue
      const { name, columns } = getTableConfig(table)
      for (const c of columns) if (/_(sealed|bidx)$/.test(c.name)) inSchema.push(`${name}.${c.name}`)
    }
    const listed = SEALED_TABLES.flatMap((t) => [
      ...t.columns.map((c) => `${t.table}.${c}`),
      ...(t.indexes ?? []).map((i) => `${t.table}.${i.column}`),
    ])
    expect(inSchema.length).toBeGreaterThan(5)
    expect(listed.sort()).toEqual(inSchema.sort())
  })
})
