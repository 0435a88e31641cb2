import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../src/app'
import { type Config, loadConfig } from '../../src/config'
import type { Database } from '../../src/db/database'
import type { Scope } from '../../src/lib/context'
import type { CasesService } from '../../src/modules/cases/cases.service'
import type { GridsService } from '../../src/modules/grids/grids.service'
import { testDatabase } from './db'
import { jpeg } from './images'
import { DEFAULT_PASSWORD, makers, type Place } from './make'

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
  /**
   * `make.place` (district code `d`, south-west corner at x, 30) with the people of the loop signed in:
   * its grid worker, community chief, street chief and an officer of its department.
   */
  place(d: string, x: number, department?: { code?: string; name?: string }): Promise<StaffedPlace>
  /** What a handler or verifier does before `handle`, `verify` or `self_handle`: photograph the result. */
  photograph(caseId: string, action: string, cookie: string): Promise<void>
  /** An action through the API, after the photo its filing standard asks for; answers the response. */
  act(
    caseId: string,
    action: string,
    body: Record<string, unknown>,
    cookie: string,
  ): Promise<LightMyRequestResponse>
  close(): Promise<void>
}

type SignedIn = { id: string; username: string; cookie: string }
export type StaffedPlace = Place & {
  people: { worker: SignedIn; chief: SignedIn; streetChief: SignedIn; officer: SignedIn }
}

/** The shipped categories' filing standards ask for a photo of the result before these actions. */
const EVIDENCE_ACTIONS = new Set(['handle', 'verify', 'self_handle'])

export async function testApp(
  env: Record<string, string> = {},
  options: { clock?: () => Date; database?: Database } = {},
): Promise<TestApp> {
  const database = options.database ?? (await testDatabase())
  const config: Config = loadConfig({ WANGGE_LOGIN_RATE_LIMIT: '1000', ...env })
  let services: { grids: GridsService; cases: CasesService } | undefined
  const app = await buildApp({
    database,
    config,
    logger: process.env.WANGGE_TEST_LOG ? { level: 'error' } : false,
    clock: options.clock,
    services: (built) => {
      services = built
    },
  })
  if (!services) throw new Error('the app handed over no services')
  // Through the app's own services, so its in-memory grid locator sees the grids made at once.
  const make = makers(database.db, services)
  const call: TestApp['call'] = ({ cookie, headers, ...rest }) =>
    app.inject({ ...rest, headers: { origin: SELF_ORIGIN, ...(cookie ? { cookie } : {}), ...headers } })
  const login = async (username: string, password = DEFAULT_PASSWORD) => {
    const res = await call({ method: 'POST', url: '/api/auth/login', payload: { username, password } })
    if (res.statusCode !== 200) throw new Error(`login of ${username} failed: ${res.statusCode} ${res.body}`)
    const cookie = res.cookies.find((c) => c.name === 'wangge_session')
    if (!cookie) throw new Error('no session cookie')
    return `wangge_session=${cookie.value}`
  }
  const as: TestApp['as'] = async (roles) => {
    const user = await make.user({ roles })
    return { id: user.id, username: user.username, cookie: await login(user.username, user.password) }
  }
  const photograph: TestApp['photograph'] = async (caseId, action, cookie) => {
    if (!EVIDENCE_ACTIONS.has(action)) return
    const res = await call({
      method: 'POST',
      url: `/api/cases/${caseId}/attachments`,
      cookie,
      headers: { 'content-type': 'image/jpeg' },
      payload: jpeg(),
    })
    if (res.statusCode !== 201) throw new Error(`photo of ${caseId} refused: ${res.statusCode} ${res.body}`)
  }
  return {
    app,
    database,
    make,
    login,
    call,
    as,
    photograph,
    async act(caseId, action, body, cookie) {
      await photograph(caseId, action, cookie)
      return call({ method: 'POST', url: `/api/cases/${caseId}/actions/${action}`, cookie, payload: body })
    },
    async place(d, x, department) {
      const p = await make.place({ d, x, department })
      const grid = (path: string) => ({ type: 'grid' as const, path })
      const people = {
        worker: await as([{ key: 'grid_worker', scope: grid(p.paths.grid) }]),
        chief: await as([{ key: 'community_chief', scope: grid(p.paths.community) }]),
        streetChief: await as([{ key: 'street_chief', scope: grid(p.paths.street) }]),
        officer: await as([{ key: 'department_staff', scope: { type: 'department', id: p.departmentId } }]),
      }
      return { ...p, people }
    },
    async close() {
      await app.close()
      await database.close()
    },
  }
}
