import { type Column, type SQL, sql } from 'drizzle-orm'

/**
 * User text inside a LIKE pattern matches only itself: `%`, `_` and the escape character `\` are
 * escaped, and every pattern built here says `ESCAPE '\'` (the default, named so that no setting changes it).
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

type Operand = SQL | Column

function like(operand: Operand, pattern: string, caseInsensitive: boolean): SQL {
  return caseInsensitive
    ? sql`${operand} ilike ${pattern} escape '\\'`
    : sql`${operand} like ${pattern} escape '\\'`
}

/** `operand` contains `text` (case-insensitive with `ilike`). */
export function likeContains(operand: Operand, text: string, opts: { ilike?: boolean } = {}): SQL {
  return like(operand, `%${escapeLike(text)}%`, opts.ilike ?? false)
}

/** `operand` starts with `text`. */
export function likeStartsWith(operand: Operand, text: string, opts: { ilike?: boolean } = {}): SQL {
  return like(operand, `${escapeLike(text)}%`, opts.ilike ?? false)
}
