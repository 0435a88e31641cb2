// Development: the API server on :3000 and Vite's dev server on :5173 (hot reload, /api proxied to :3000).
// Ctrl-C stops both.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createServer } from 'vite'

const root = fileURLToPath(new URL('..', import.meta.url))

// Its own process group, so Ctrl-C reaches it once, from us, rather than from the terminal and again from us.
const api = spawn(process.execPath, ['bin/wangge.mjs', 'serve'], {
  cwd: root,
  env: { ...process.env, PORT: '3000' },
  stdio: 'inherit',
  detached: true,
})
process.on('exit', () => {
  if (api.exitCode === null && api.signalCode === null) api.kill('SIGTERM')
})

let vite
let stopping = false

async function stop(signal) {
  if (stopping) return
  stopping = true
  if (api.exitCode === null && api.signalCode === null) api.kill(signal)
  await vite?.close()
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void stop(signal))

api.on('exit', async (code, signal) => {
  if (!stopping) console.error(`dev: the API server stopped (${signal ?? `exit ${code}`}); stopping Vite too`)
  await stop('SIGTERM')
  process.exit(code ?? 0)
})

try {
  vite = await createServer({ configFile: `${root}web/vite.config.ts` })
  await vite.listen()
  vite.printUrls()
} catch (error) {
  console.error(`dev: Vite did not start: ${error instanceof Error ? error.message : error}`)
  await stop('SIGTERM')
}
