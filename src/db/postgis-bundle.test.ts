import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { filterTar, postgisBundle } from './postgis-bundle'

function namesIn(tar: Buffer): string[] {
  const names: string[] = []
  filterTar(tar, (name) => {
    names.push(name)
    return false
  })
  return names
}

describe('the PostGIS bundle PGlite loads', () => {
  const names = namesIn(gunzipSync(readFileSync(postgisBundle())))

  it('holds postgis, its install script and the proj data for transforms', () => {
    expect(names).toEqual(
      expect.arrayContaining([
        'lib/postgresql/postgis-3.so',
        'share/postgresql/extension/postgis.control',
        'share/proj/proj.db',
      ]),
    )
    expect(names.some((n) => /^share\/postgresql\/extension\/postgis--\d+\.\d+\.\d+\.sql$/.test(n))).toBe(
      true,
    )
  })

  it('leaves out the libraries and scripts of raster, topology and the tiger geocoder', () => {
    expect(names.filter((n) => n.endsWith('.so'))).toEqual(['lib/postgresql/postgis-3.so'])
    expect(names.filter((n) => /raster|topology|tiger|unpackaged/.test(n))).toEqual([])
  })
})
