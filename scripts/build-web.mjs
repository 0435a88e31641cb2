// Builds the desk app into web/dist. With --if-stale, does nothing when web/dist is newer than every source.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const web = fileURLToPath(new URL('../web/', import.meta.url))
const configFile = join(web, 'vite.config.ts')
const builtIndex = join(web, 'dist', 'index.html')
const sources = [join(web, 'src'), join(web, 'index.html'), configFile]

function newestChange(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestChange(join(path, name))),
    stat.mtimeMs,
  )
}

function isFresh() {
  return existsSync(builtIndex) && statSync(builtIndex).mtimeMs > Math.max(...sources.map(newestChange))
}

if (process.argv.includes('--if-stale') && isFresh()) {
  console.log('web: web/dist is up to date')
} else {
  const { build } = await import('vite')
  const started = Date.now()
  try {
    await build({ configFile, logLevel: 'warn' })
    console.log(`web: built web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  } catch (error) {
    console.error(`web: build failed: ${error instanceof Error ? error.message : error}`)
    process.exitCode = 1
  }
}
