import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../src/app'
import { type Config, loadConfig } from '../../src/config'
import type { Database } from '../../src/db/database'
import type { Scope } from '../../src/lib/context'
import { testDatabase } from './db'
import { DEFAULT_PASSWORD, makers } from './make'

/** The origin `app.inject` requests come from (its default Host is localhost:80). */
export const SELF_ORIGIN = 'http://localhost:80'

export interface TestApp {
  app: FastifyInstance
  database: Database
  make: ReturnType<typeof makers>
  /** Signs in and returns the cookie header value for later requests. */
  login(username: string, password?: string): Promise<string>
  /** Creates a user with these roles and signs them in. */
  as(roles: { key: string; scope?: Scope }[]): Promise<{ id: string; username: string; cookie: string }>
  /** inject with the site's Origin and, when given, a session cookie. */
  call(opts: InjectOptions & { cookie?: string }): Promise<LightMyRequestResponse>
  close(): Promise<void>
}

export async function testApp(
  env: Record<string, string> = {},
  options: { clock?: () => Date } = {},
): Promise<TestApp> {
  const database = await testDatabase()
  const config: Config = loadConfig({ WANGGE_LOGIN_RATE_LIMIT: '1000', ...env })
  const app = await buildApp({
    database,
    config,
    logger: process.env.WANGGE_TEST_LOG ? { level: 'error' } : false,
    clock: options.clock,
  })
  const make = makers(database.db)
  const call: TestApp['call'] = ({ cookie, headers, ...rest }) =>
    app.inject({ ...rest, headers: { origin: SELF_ORIGIN, ...(cookie ? { cookie } : {}), ...headers } })
  const login = async (username: string, password = DEFAULT_PASSWORD) => {
    const res = await call({ method: 'POST', url: '/api/auth/login', payload: { username, password } })
    if (res.statusCode !== 200) throw new Error(`login of ${username} failed: ${res.statusCode} ${res.body}`)
    const cookie = res.cookies.find((c) => c.name === 'wangge_session')
    if (!cookie) throw new Error('no session cookie')
    return `wangge_session=${cookie.value}`
  }
  return {
    app,
    database,
    make,
    login,
    call,
    async as(roles) {
      const user = await make.user({ roles })
      return { id: user.id, username: user.username, cookie: await login(user.username, user.password) }
    },
    async close() {
      await app.close()
      await database.close()
    },
  }
}
