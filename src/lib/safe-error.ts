/**
 * An error as it may be logged: Drizzle's query errors carry the statement's parameters (names,
 * password hashes …) in their message, so only the statement, the SQLSTATE and the driver's
 * message are kept.
 */
export function safeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error
  const query = (error as { query?: unknown }).query
  if (typeof query !== 'string') return error
  const cause = error.cause as { code?: string; message?: string } | undefined
  return { type: error.name, query, sqlState: cause?.code, message: cause?.message ?? 'query failed' }
}

/** One line for a terminal. */
export function safeMessage(error: unknown): string {
  const safe = safeError(error)
  if (safe instanceof Error) return safe.message
  return String((safe as { message?: unknown })?.message ?? safe)
}

/** PostgreSQL's SQLSTATE of a failed statement (Drizzle wraps the driver's error as its cause). */
export function sqlStateOf(error: unknown): string | undefined {
  const direct = (error as { code?: unknown })?.code
  const cause = (error as { cause?: { code?: unknown } })?.cause?.code
  return typeof cause === 'string' ? cause : typeof direct === 'string' ? direct : undefined
}
