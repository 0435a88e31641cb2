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
