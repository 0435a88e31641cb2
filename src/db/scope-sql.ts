import { type SQL, sql } from 'drizzle-orm'

/**
 * `and <path> <@ any(…)` for a reader limited to some grid subtrees; nothing for a reader of
 * everything (null). An empty list matches no row.
 */
export function andPathWithin(path: SQL, within: string[] | null): SQL {
  if (!within) return sql``
  const paths = within.length
    ? sql.join(
        within.map((p) => sql`${p}::ltree`),
        sql`, `,
      )
    : sql`null::ltree`
  return sql`and ${path} <@ any(array[${paths}])`
}

/**
 * `and (<column> <@ p1 or <column> <@ p2 …)` for a scope of grid paths ('' among them: nothing, the
 * whole deployment; none: no row). One `<@` per path is what the GiST indexes on paths answer; an
 * `any(array)` of them they do not, and the table is read whole.
 */
export function andUnderAny(column: string, paths: string[]): SQL {
  if (paths.includes('')) return sql``
  if (paths.length === 0) return sql`and false`
  const col = sql.raw(column)
  return sql`and (${sql.join(
    paths.map((p) => sql`${col} <@ ${p}::ltree`),
    sql` or `,
  )})`
}
