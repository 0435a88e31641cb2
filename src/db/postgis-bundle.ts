import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gunzipSync, gzipSync } from 'node:zlib'
import type { Extension } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'

/**
 * PGlite's PostGIS bundle holds postgis, raster, topology and the tiger geocoder: three WebAssembly
 * libraries (48 MB) that PGlite compiles on every start, and 37 MB of SQL it unpacks into memory.
 * We use postgis alone (its library, its install and update scripts, the proj data for transforms):
 * the first start writes that part as a bundle of its own next to the installed packages, and every
 * start loads it (about 2 s of CPU less per start, and per database a test opens).
 */
const SHIPPED = join(
  dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite-postgis')),
  'postgis.tar.gz',
)

/** The entries postgis needs; `postgis--unpackaged--*` converts a pre-9.1 install and is left out. */
export function isPostgisEntry(name: string): boolean {
  if (name.endsWith('/')) return true
  if (name === 'lib/postgresql/postgis-3.so' || name.startsWith('share/proj/')) return true
  return /^share\/postgresql\/extension\/postgis(\.control|--)/.test(name) && !name.includes('unpackaged')
}

const BLOCK = 512

/** The kept entries of a ustar archive, their header and data blocks copied as they are. */
export function filterTar(tar: Buffer, keep: (name: string) => boolean): Buffer {
  const parts: Buffer[] = []
  let at = 0
  while (at + BLOCK <= tar.length) {
    const header = tar.subarray(at, at + BLOCK)
    if (header.every((byte) => byte === 0)) break
    const field = (from: number, to: number) =>
      header.subarray(from, to).toString('latin1').replace(/\0.*$/s, '')
    const size = Number.parseInt(field(124, 136).trim() || '0', 8)
    const end = at + BLOCK + Math.ceil(size / BLOCK) * BLOCK
    const prefix = field(345, 500)
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100)
    if (keep(name)) parts.push(tar.subarray(at, end))
    at = end
  }
  parts.push(Buffer.alloc(2 * BLOCK))
  return Buffer.concat(parts)
}

/** Where the trimmed bundle is kept: node_modules/.cache, named after the shipped one it came from. */
function cachedPath(): string {
  const shipped = statSync(SHIPPED)
  const nodeModules = SHIPPED.slice(0, SHIPPED.lastIndexOf('/node_modules/') + '/node_modules'.length)
  return join(
    nodeModules,
    '.cache',
    'wangge',
    `postgis-${shipped.size}-${Math.trunc(shipped.mtimeMs)}.tar.gz`,
  )
}

/** The trimmed bundle, written on first use (atomically: test workers may race); the shipped one if that fails. */
export function postgisBundle(): string {
  let partial: string | null = null
  try {
    const path = cachedPath()
    if (existsSync(path)) return path
    mkdirSync(dirname(path), { recursive: true })
    const trimmed = filterTar(gunzipSync(readFileSync(SHIPPED)), isPostgisEntry)
    partial = `${path}.${process.pid}.partial`
    writeFileSync(partial, gzipSync(trimmed, { level: 1 }))
    renameSync(partial, path)
    return path
  } catch {
    // A read-only install: the whole bundle works, only slower.
    if (partial) rmSync(partial, { force: true })
    return SHIPPED
  }
}

/** PGlite's postgis extension, loading the trimmed bundle. */
export const postgisOnly: Extension = {
  name: 'postgis',
  setup: async (pg, emscriptenOpts) => ({
    ...(await postgis.setup(pg, emscriptenOpts)),
    bundlePath: pathToFileURL(postgisBundle()),
  }),
}
