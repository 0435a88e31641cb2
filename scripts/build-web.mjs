// Builds the desk app and the field app (web/m/, served at /m/) into web/dist. With --if-stale, does nothing when web/dist is newer than every source.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip as gzipCallback } from 'node:zlib'

const web = fileURLToPath(new URL('../web/', import.meta.url))
const configFile = join(web, 'vite.config.ts')
const builtIndexes = [join(web, 'dist', 'index.html'), join(web, 'dist', 'm', 'index.html')]
const sources = [join(web, 'src'), join(web, 'index.html'), join(web, 'm'), join(web, 'public'), configFile]

function newestChange(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestChange(join(path, name))),
    stat.mtimeMs,
  )
}

const brotli = promisify(brotliCompress)
const gzip = promisify(gzipCallback)

const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|txt|map)$/
/** Files smaller than this go as they are: a header costs more than it saves. */
const SMALL = 1024

/** Every text asset under dir big enough to be worth compressing. */
function compressible(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return compressible(path)
    return COMPRESSIBLE.test(name) && statSync(path).size >= SMALL ? [path] : []
  })
}

/**
 * Writes `.br` and `.gz` beside every text asset, once at build time, so the server sends them as they
 * are (@fastify/static's preCompressed) instead of compressing on every request. Brotli at its best
 * quality: slow to make (seconds, once, on the thread pool), smallest to send to a phone on a slow network.
 */
async function precompress(dir) {
  await Promise.all(
    compressible(dir).map(async (path) => {
      const content = readFileSync(path)
      const params = {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      }
      const [br, gz] = await Promise.all([brotli(content, { params }), gzip(content, { level: 9 })])
      writeFileSync(`${path}.br`, br)
      writeFileSync(`${path}.gz`, gz)
    }),
  )
}

function isFresh() {
  const newestSource = Math.max(...sources.map(newestChange))
  return builtIndexes.every((built) => existsSync(built) && statSync(built).mtimeMs > newestSource)
}

if (process.argv.includes('--if-stale') && isFresh()) {
  console.log('web: web/dist is up to date')
} else {
  const { build } = await import('vite')
  const started = Date.now()
  try {
    await build({ configFile, logLevel: 'warn' })
    await precompress(join(web, 'dist'))
    console.log(`web: built web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  } catch (error) {
    console.error(`web: build failed: ${error instanceof Error ? error.message : error}`)
    process.exitCode = 1
  }
}
