import { buildWebIfStale, startServerWith } from './server'
import { setRunningServer } from './server-state'

/** Starts a fresh server with an empty database, unless E2E_BASE_URL names one to use. */
export default async function globalSetup() {
  if (process.env.E2E_BASE_URL) return
  buildWebIfStale()
  // Early warning runs every two seconds here, not every ten minutes: a journey sees its warning raised;
  // live sockets check their session every two seconds, not every minute: a journey sees one revoked.
  const server = await startServerWith({
    env: { WANGGE_WARNING_EVERY_MS: '2000', WANGGE_LIVE_SESSION_CHECK_MS: '2000' },
  })
  setRunningServer(server)
  // The test workers inherit this process's environment: this is how they learn the address.
  process.env.E2E_BASE_URL = server.baseUrl
}
