import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import { box } from '../../../test/support/geo'
import { type ShapefileSpec, shapefileZip } from '../../../test/support/shapefile'
import { declareSize } from '../../../test/support/zip-bombs'
import { queryRows } from '../../db/database'

let t: TestApp
let admin: { cookie: string }
beforeAll(async () => {
  t = await testApp()
  admin = await t.as([{ key: 'admin' }])
})
afterAll(() => t?.close())

const fields: ShapefileSpec['fields'] = [
  { name: 'CODE', type: 'C', length: 20 },
  { name: 'NAME', type: 'C', length: 60 },
  { name: 'LEVEL', type: 'C', length: 12 },
  { name: 'PARENT_COD', type: 'C', length: 20 },
  { name: 'HOUSEHOLDS', type: 'N', length: 8 },
]

type Values = Record<string, string | number>
const record = (values: Values, x: number, y: number, size: number) => ({
  polygons: [box(x, y, size).coordinates],
  values,
})

/** A district and two streets, as a GIS office would export them. */
const district = (code: string, x: number) => [
  record({ CODE: code, NAME: '云岩区', LEVEL: 'district' }, x, 30, 0.4),
  record(
    { CODE: `${code}001`, NAME: '中华路街道', LEVEL: 'street', PARENT_COD: code, HOUSEHOLDS: 800 },
    x,
    30,
    0.2,
  ),
  record({ CODE: `${code}002`, NAME: '黔灵镇', LEVEL: 'street', PARENT_COD: code }, x + 0.2, 30, 0.2),
]

const importZip = (zip: Uint8Array, headers: Record<string, string> = {}) =>
  t.call({
    method: 'POST',
    url: '/api/grids/import',
    cookie: admin.cookie,
    headers: { 'content-type': 'application/zip', ...headers },
    payload: Buffer.from(zip),
  })

const namesUnder = async (code: string) =>
  (
    await queryRows<{ name: string }>(
      t.database.db,
      sql`select name from grids where code like ${`${code}%`} order by code`,
    )
  ).map((r) => r.name)

describe('importing a zipped Shapefile', () => {
  it('imports a UTF-8 Shapefile with Chinese names', async () => {
    const res = await importZip(shapefileZip({ fields, records: district('520301', 60), cpg: 'UTF-8' }))
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().created).toBe(3)
    expect(await namesUnder('520301')).toEqual(['云岩区', '中华路街道', '黔灵镇'])
  })

  it('reads a GBK table by its .cpg, and recognises GBK without one', async () => {
    const withCpg = shapefileZip({ fields, records: district('520302', 61), encoding: 'gbk', cpg: 'GBK' })
    expect((await importZip(withCpg)).statusCode).toBe(201)
    expect(await namesUnder('520302')).toEqual(['云岩区', '中华路街道', '黔灵镇'])

    const bare = shapefileZip({ fields, records: district('520303', 62), encoding: 'gbk', folder: 'out/' })
    expect((await importZip(bare, { 'content-type': 'application/x-zip-compressed' })).statusCode).toBe(201)
    expect(await namesUnder('520303')).toEqual(['云岩区', '中华路街道', '黔灵镇'])
  })

  it('reprojects a CGCS2000 Gauss-Krüger Shapefile to longitude/latitude', async () => {
    const prj =
      'PROJCS["CGCS2000_3_Degree_GK_Zone_39",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",39500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
    const records = [
      record({ CODE: '340101', NAME: '瑶海区', LEVEL: 'district' }, 39_500_000, 3_320_113.4, 10_000),
    ]
    const res = await importZip(shapefileZip({ fields, records, prj }))
    expect(res.statusCode, res.body).toBe(201)
    // Its south-west corner sits on the central meridian at 30°N (3 320 113.4 m of meridian arc).
    const [corner] = await queryRows<{ d: number; x: number }>(
      t.database.db,
      sql`select ST_Distance(boundary, ST_SetSRID(ST_MakePoint(117, 30), ST_SRID(boundary))) as d,
                 ST_XMax(boundary) as x
          from grids where code = '340101'`,
    )
    expect(corner?.d).toBeLessThan(1e-6)
    expect(corner?.x).toBeCloseTo(117.1036, 3)
  })

  it('refuses a CRS it cannot convert reliably, naming it', async () => {
    const prj =
      'GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
    const res = await importZip(shapefileZip({ fields, records: district('520304', 63), prj }))
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({ code: 'grid.import_crs', crs: 'GCS_Xian_1980' })
    expect(await namesUnder('520304')).toEqual([])
  })

  it('answers 400 to a broken zip and to a zip without a Shapefile', async () => {
    const broken = await importZip(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))
    expect(broken.statusCode).toBe(400)
    expect(broken.json().code).toBe('import.archive_unreadable')
    const cut = shapefileZip({ fields, records: district('520305', 64) }).subarray(0, 200)
    expect((await importZip(cut)).json().code).toBe('import.archive_unreadable')
  })

  it('refuses a zip whose .shp inflates past its declared size, or declares more than the cap, writing nothing', async () => {
    const zip = shapefileZip({ fields, records: district('520306', 66) })
    const lying = await importZip(declareSize(zip, 'grids.shp', 100))
    expect([lying.statusCode, lying.json().code]).toEqual([400, 'import.archive_unreadable'])
    expect(lying.json().detail ?? lying.json().title).toMatch(/grids\.shp unpacks to more than it declares/)
    const huge = await importZip(declareSize(zip, 'grids.shp', 300 * 1024 * 1024))
    expect([huge.statusCode, huge.json().code]).toEqual([413, 'import.archive_too_large'])
    expect(await namesUnder('520306')).toEqual([])
  })

  it('still names the field of a bad FeatureCollection', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/grids/import',
      cookie: admin.cookie,
      payload: { type: 'Feature', features: [] },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('body.type')
  })
})

describe('import failures', () => {
  const bowtie = [
    [65.25, 30.25],
    [65.3, 30.3],
    [65.3, 30.25],
    [65.25, 30.3],
    [65.25, 30.25],
  ]
  /** Every kind of refusal a feature can meet, after a good district and street. */
  const failing = () =>
    shapefileZip({
      fields,
      records: [
        ...district('520306', 65).slice(0, 2),
        record({ CODE: '5203060033', NAME: '错码', LEVEL: 'street', PARENT_COD: '520306' }, 65.3, 30.3, 0.05),
        record({ CODE: '520306004', NAME: '越界', LEVEL: 'street', PARENT_COD: '520306' }, 70, 30, 0.05),
        record({ CODE: '520306005', LEVEL: 'street', PARENT_COD: '520306' }, 65.3, 30.1, 0.05),
        record({ CODE: '520306006', NAME: '重叠', LEVEL: 'street', PARENT_COD: '520306' }, 65, 30, 0.2),
        record({ CODE: '520399001', NAME: '无上级', LEVEL: 'street', PARENT_COD: '520399' }, 66, 30, 0.1),
        record({ CODE: '520306001', NAME: '重码', LEVEL: 'street', PARENT_COD: '520306' }, 65.2, 30.2, 0.05),
        {
          polygons: [[bowtie]],
          values: { CODE: '520306007', NAME: '自交', LEVEL: 'street', PARENT_COD: '520306' },
        },
      ],
    })

  it('writes nothing, and names each failing record by index and code, in Chinese by default', async () => {
    const res = await importZip(failing())
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({ code: 'grid.import_failed', title: '导入失败，未写入任何网格' })
    expect(res.json().failures).toEqual([
      {
        index: 2,
        code: '5203060033',
        problem: 'grid.code_wrong_width',
        reason: '编码 5203060033 位数不对：街道/镇编码应为上级编码 520306 后加 3 位',
      },
      {
        index: 3,
        code: '520306004',
        problem: 'grid.boundary_outside_parent',
        reason: '520306004 有 100.00% 面积在上级网格之外',
      },
      {
        index: 4,
        code: '520306005',
        problem: 'request.invalid',
        reason: expect.stringMatching(/^要素格式不正确：properties\.name: 无效输入/),
      },
      {
        index: 5,
        code: '520306006',
        problem: 'grid.boundary_overlaps_sibling',
        reason: '520306006 与同级网格 520306001 重叠',
      },
      { index: 6, code: '520399001', problem: 'grid.parent_not_found', reason: '上级网格 520399 不存在' },
      { index: 7, code: '520306001', problem: 'grid.code_taken', reason: '编码 520306001 已被占用' },
      {
        index: 8,
        code: '520306007',
        problem: 'grid.boundary_invalid',
        reason: expect.stringMatching(/^520306007 的边界不是有效的多边形：Self-intersection\[/),
      },
    ])
    expect(await namesUnder('520306')).toEqual([])
  })

  it('gives the reasons in English to a client that reads English', async () => {
    const res = await importZip(failing(), { 'accept-language': 'en-US,en;q=0.9' })
    expect(res.statusCode).toBe(422)
    const reasons = res.json().failures.map((f: { reason: string }) => f.reason)
    expect(reasons[1]).toBe('100.00% of 520306004 lies outside its parent')
    expect(reasons[5]).toBe('The code 520306001 is taken')
  })

  it('localises the failures of a GeoJSON import the same way', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/grids/import',
      cookie: admin.cookie,
      headers: { 'accept-language': 'zh-CN' },
      payload: {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { code: '520307', name: '乌当区', level: 'county' },
            geometry: box(67, 30, 0.4),
          },
        ],
      },
    })
    expect(res.json().failures).toEqual([
      { index: 0, code: '520307', problem: 'grid.unknown_level', reason: '未知的网格层级 county' },
    ])
  })
})
