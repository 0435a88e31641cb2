import { stopServer } from './server'
import { takeRunningServer } from './server-state'

export default async function globalTeardown() {
  const server = takeRunningServer()
  if (server) await stopServer(server)
}
