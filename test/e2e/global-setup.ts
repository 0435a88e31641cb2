import { buildWebIfStale, startServer } from './server'
import { setRunningServer } from './server-state'

/** Starts a fresh server with an empty database, unless E2E_BASE_URL names one to use. */
export default async function globalSetup() {
  if (process.env.E2E_BASE_URL) return
  buildWebIfStale()
  const server = await startServer()
  setRunningServer(server)
  // The test workers inherit this process's environment: this is how they learn the address.
  process.env.E2E_BASE_URL = server.baseUrl
}
