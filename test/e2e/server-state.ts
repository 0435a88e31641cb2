import type { RunningServer } from './server'

// Setup and teardown run in the same runner process; the server they share lives here between them.
let running: RunningServer | null = null

export function setRunningServer(server: RunningServer) {
  running = server
}

export function takeRunningServer(): RunningServer | null {
  const server = running
  running = null
  return server
}
