import { sql } from 'drizzle-orm'
import { CLOSED_STATES } from './cases.states'

/**
 * The closed states of cases.states.ts as a list of SQL literals, for `c.state not in (…)`: literals
 * rather than parameters, so the statement's text (and its plan) stays the same on every call.
 */
export const closedStatesSql = sql.raw(CLOSED_STATES.map((s) => `'${s}'`).join(', '))
