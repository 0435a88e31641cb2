import { type SQL, sql } from 'drizzle-orm'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../test/support/db'
import { type Database, queryRows } from '../db/database'
import { registerErrorHandling } from './error-handler'

let database: Database
let app: FastifyInstance

/** Statements that fail as PostgreSQL does when a client's value slips past the checks. */
const FAILING: Record<string, SQL> = {
  nul: sql`select ${'a\u0000b'}::text as v`,
  untranslatable: sql`do $$ begin raise exception 'no equivalent' using errcode = '22P05'; end $$`,
  too_long: sql`do $$ begin raise exception 'value too long' using errcode = '22001'; end $$`,
  out_of_range: sql`select 2147483648::int4 as v`,
  bad_date: sql`select 'yesterday-ish'::date as v`,
  date_overflow: sql`select '2026-13-45'::date as v`,
  bad_number: sql`select 'abc'::int4 as v`,
}

beforeAll(async () => {
  database = await testDatabase()
  app = Fastify()
  registerErrorHandling(app)
  app.get<{ Params: { name: string } }>('/fail/:name', async (req) => {
    const statement = FAILING[req.params.name]
    if (!statement) throw new Error('no such statement')
    return queryRows(database.db, statement)
  })
})
afterAll(async () => {
  await app?.close()
  await database?.close()
})

describe('PostgreSQL errors a client caused are 400s, not 500s', () => {
  // The NUL goes last: after it PGlite answers later statements of the connection with no rows.
  it.each([
    ['untranslatable', 'request.invalid_text'],
    ['too_long', 'request.value_too_long'],
    ['out_of_range', 'request.value_out_of_range'],
    ['bad_date', 'request.invalid_datetime'],
    ['date_overflow', 'request.invalid_datetime'],
    ['bad_number', 'request.invalid'],
    ['nul', 'request.invalid_text'],
  ])('%s → 400 %s without the statement or its values', async (name, code) => {
    const res = await app.inject({ method: 'GET', url: `/fail/${name}` })
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json()).toMatchObject({ status: 400, code })
    expect(res.body).not.toMatch(/select|raise|\\u0000|2147483648|yesterday|2026-13/i)
  })
})
