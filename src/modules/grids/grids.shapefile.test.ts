import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { box } from '../../../test/support/geo'
import { type ShapefileSpec, shapefileZip } from '../../../test/support/shapefile'
import { Problem } from '../../lib/problem'
import { readShapefileZip } from './grids.shapefile'
import { dbfEncoding } from './grids.shapefile-read'
import { toMultiPolygon } from './grids.shapefile-rings'

const FIELDS: ShapefileSpec['fields'] = [
  { name: 'CODE', type: 'C', length: 20 },
  { name: 'Name', type: 'C', length: 60 },
  { name: 'LEVEL', type: 'C', length: 12 },
  { name: 'PARENT_COD', type: 'C', length: 20 },
  { name: 'HOUSEHOLD', type: 'N', length: 8 },
  { name: 'POPULATIO', type: 'N', length: 9 },
]

const district = {
  polygons: [box(60, 30, 0.4).coordinates],
  values: { CODE: '520101', Name: '南明区', LEVEL: 'district', HOUSEHOLD: 1200, POPULATIO: 3600 },
}
const street = {
  polygons: [box(60, 30, 0.2).coordinates],
  values: { CODE: '520101001', Name: '花果园街道', LEVEL: 'street', PARENT_COD: '520101' },
}

type Feature = { properties: Record<string, unknown>; geometry: { coordinates: number[][][][] } | null }
const read = (spec: Partial<ShapefileSpec>) =>
  readShapefileZip(shapefileZip({ fields: FIELDS, records: [district, street], ...spec })) as Feature[]

function refusal(run: () => unknown): Problem {
  try {
    run()
  } catch (error) {
    if (error instanceof Problem) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('reading a zipped Shapefile', () => {
  it('turns records into import features, fields matched case-insensitively, even from a folder', () => {
    const [d, s] = read({ folder: '导出/网格/' })
    expect(d?.properties).toEqual({
      code: '520101',
      name: '南明区',
      level: 'district',
      households: 1200,
      population: 3600,
    })
    expect(s?.properties).toEqual({
      code: '520101001',
      name: '花果园街道',
      level: 'street',
      parent_code: '520101',
    })
    expect(d?.geometry).toMatchObject({ type: 'MultiPolygon' })
  })

  it('reads GBK text by the .cpg, and detects it without one', () => {
    expect(read({ encoding: 'gbk', cpg: 'GBK' })[1]?.properties.name).toBe('花果园街道')
    expect(read({ encoding: 'gbk', cpg: '936' })[1]?.properties.name).toBe('花果园街道')
    expect(read({ encoding: 'gbk' })[1]?.properties.name).toBe('花果园街道')
    expect(read({ encoding: 'utf-8', cpg: 'UTF-8' })[1]?.properties.name).toBe('花果园街道')
    expect(read({ encoding: 'gbk', cpg: 'UTF-8' })[1]?.properties.name).not.toBe('花果园街道')
  })

  it('keeps a code stored in a numeric field as its digits', () => {
    const fields: ShapefileSpec['fields'] = [
      { name: 'code', type: 'N', length: 15, decimals: 0 },
      { name: 'name', type: 'C', length: 20 },
    ]
    const records = [{ polygons: district.polygons, values: { code: 520101001002003, name: 'x' } }]
    expect((readShapefileZip(shapefileZip({ fields, records }))[0] as Feature).properties.code).toBe(
      '520101001002003',
    )
  })

  it('passes a null shape on as a feature without geometry, for the import to refuse', () => {
    const [d] = read({ records: [{ ...district, polygons: null }] })
    expect(d?.geometry).toBeNull()
  })

  it('reprojects a CGCS2000 Gauss-Krüger .prj to longitude/latitude', () => {
    // On the central meridian (117°E), 3 320 113.4 m north is latitude 30° on the CGCS2000 ellipsoid.
    const prj =
      'PROJCS["CGCS2000_3_Degree_GK_Zone_39",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",39500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
    const records = [{ ...district, polygons: [box(39_500_000, 3_320_113.4, 10_000).coordinates] }]
    const ring = read({ prj, records })[0]?.geometry?.coordinates[0]?.[0] ?? []
    const corner = ring.find(([x = 0, y = 0]) => Math.abs(x - 117) < 1e-6 && Math.abs(y - 30) < 1e-6)
    expect(corner).toBeDefined()
    for (const [lng = 0, lat = 0] of ring) {
      expect(lng).toBeGreaterThanOrEqual(117 - 1e-9)
      expect(lng).toBeLessThan(117.11)
      expect(lat).toBeLessThan(30.1)
    }
  })

  it('refuses a datum it cannot convert reliably, naming the CRS', () => {
    const prj =
      'PROJCS["Beijing_1954_3_Degree_GK_CM_117E",GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
    const problem = refusal(() => read({ prj }))
    expect(problem).toMatchObject({ status: 422, code: 'grid.import_crs' })
    expect(problem.title).toContain('Beijing_1954_3_Degree_GK_CM_117E')
  })

  it('refuses coordinates that do not fit the .prj, such as a zone number it does not expect', () => {
    const prj =
      'PROJCS["CGCS2000_3_Degree_GK_CM_117E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
    const records = [{ ...district, polygons: [box(39_500_000, 3_320_000, 10_000).coordinates] }]
    expect(refusal(() => read({ prj, records }))).toMatchObject({
      status: 422,
      code: 'grid.import_crs',
      extra: { crs: 'CGCS2000_3_Degree_GK_CM_117E' },
    })
    expect(refusal(() => read({ prj: 'not a CRS', records })).title).toMatch(/cannot be read/)
  })

  it('refuses coordinates that are not longitude/latitude when there is no .prj', () => {
    const records = [{ ...district, polygons: [box(39_500_000, 3_320_000, 10_000).coordinates] }]
    expect(refusal(() => read({ records }))).toMatchObject({ status: 422, code: 'grid.import_crs' })
  })

  it('refuses what is not a zip, a zip without .dbf, and shapes other than polygons', () => {
    expect(refusal(() => readShapefileZip(new Uint8Array([1, 2, 3, 4])))).toMatchObject({
      status: 400,
      code: 'import.archive_unreadable',
    })
    const shpOnly = zipSync({ 'a.shp': new Uint8Array(100), 'a.txt': new Uint8Array(1) })
    expect(refusal(() => readShapefileZip(shpOnly)).title).toMatch(/no \.dbf/)
    expect(refusal(() => read({ shapeType: 3 })).title).toMatch(/polyline/)
  })

  it('guards against zip bombs: too many entries, or entries that claim to unpack too large', () => {
    const many = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`f${i}.txt`, new Uint8Array(1)]))
    expect(refusal(() => readShapefileZip(zipSync(many)))).toMatchObject({
      status: 413,
      code: 'import.archive_too_large',
      title: expect.stringMatching(/1001 entries; at most 1000/),
    })

    const zip = Buffer.from(shapefileZip({ fields: FIELDS, records: [district] }))
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) // the .shp's directory entry
    zip.writeUInt32LE(300 * 1024 * 1024, central + 24)
    expect(refusal(() => readShapefileZip(zip))).toMatchObject({
      status: 413,
      code: 'import.archive_too_large',
      title: expect.stringMatching(/grids\.shp unpacks to 300 MiB; at most 200 MiB/),
    })
  })
})

describe('rings to MultiPolygon', () => {
  it('puts each hole in the polygon holding it and winds rings the GeoJSON way', () => {
    const cw = (ring: number[][]) => [...ring].reverse() as [number, number][]
    const outerA = cw(box(0, 0, 10).coordinates[0] ?? [])
    const outerB = cw(box(20, 0, 10).coordinates[0] ?? [])
    const holeB = box(22, 2, 2).coordinates[0] as [number, number][]
    const mp = toMultiPolygon([outerA, outerB, holeB])
    expect(mp.coordinates).toHaveLength(2)
    expect(mp.coordinates[0]).toHaveLength(1)
    expect(mp.coordinates[1]).toEqual([[...outerB].reverse(), [...holeB].reverse()])
  })

  it('takes rings wound the wrong way round as separate polygons rather than dropping them', () => {
    const mp = toMultiPolygon([box(0, 0, 1).coordinates[0] as [number, number][]])
    expect(mp.coordinates).toEqual([[box(0, 0, 1).coordinates[0]]])
  })
})

describe('DBF encoding', () => {
  it('follows the .cpg, else UTF-8 when valid, else GBK', () => {
    expect(dbfEncoding('GB2312', new Uint8Array())).toBe('gbk')
    expect(dbfEncoding('GB18030\r\n', new Uint8Array())).toBe('gb18030')
    expect(dbfEncoding(undefined, new TextEncoder().encode('南明区'))).toBe('utf-8')
    expect(dbfEncoding(undefined, new Uint8Array([0xc4, 0xcf, 0xc3, 0xf7]))).toBe('gbk')
    expect(dbfEncoding('no such code page', new Uint8Array([0x41]))).toBe('utf-8')
  })
})
