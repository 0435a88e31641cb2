import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/support/db'
import { makers } from '../../../test/support/make'
import { type Database, queryRows } from '../../db/database'
import { uuidv7 } from '../../lib/ids'
import { finishPatrol } from './patrol.finish'
import { maintainTrackPartitions } from './track.partitions'
import { type TrackPointRow, trackRepo } from './track.repo'

let database: Database
const T0 = Date.parse('2026-12-08T09:00:00+08:00')
const at = (s: number) => new Date(T0 + s * 1000)
const X = 80.02
const Y = 30.05
/** Metres north of latitude Y, in degrees (WGS-84's meridian radius of curvature there). */
const north = (m: number) => m / 110_860
/** The middle of step k (from point k − 1 to point k) of the first stretch, each step 0.001° east. */
const midOfStep = (k: number) => X + 0.001 * (k - 0.5)

let patrolId: string

beforeAll(async () => {
  database = await testDatabase()
  const { db } = database
  await maintainTrackPartitions(db, at(0), { retentionDays: 3, aheadDays: 1 })
  const make = makers(db)
  const d = '620101'
  await make.grid({ code: d, level: 'district', at: { x: 80, size: 0.4 } })
  await make.grid({ code: `${d}001`, level: 'street', parent: d, at: { x: 80, size: 0.3 } })
  await make.grid({ code: `${d}001001`, level: 'community', parent: `${d}001`, at: { x: 80, size: 0.2 } })
  const grid = await make.grid({
    code: `${d}001001001`,
    level: 'grid',
    parent: `${d}001001`,
    at: { x: 80, size: 0.1 },
  })
  const [g] = await queryRows<{ id: string }>(db, sql`select id from grids where code = ${grid.code}`)
  const userId = uuidv7()
  await db.execute(sql`insert into users (id, username, display_name, password_hash)
    values (${userId}, 'strider', '网格员', 'x')`)
  patrolId = uuidv7()
  await db.execute(sql`insert into patrols (id, user_id, grid_id, grid_path, source, started_at)
    values (${patrolId}, ${userId}, ${g?.id}, ${grid.path}::ltree, 'app', ${at(0)})`)

  // Two stretches of steps ≈ 96 m long, 10 s apart: 40 steps east along Y, a 5-minute gap, then 10
  // steps east 0.01° further north. Long steps keep a building 25 m beside one step more than 30 m
  // from every other step, so each building below is passed by exactly the step it names.
  const points: TrackPointRow[] = []
  const point = (seq: number, s: number, lon: number, lat: number) =>
    points.push({
      streamId: patrolId,
      seq,
      recordedAt: at(s).toISOString(),
      userId,
      patrolId,
      lon,
      lat,
      accuracyM: 5,
      mocked: false,
    })
  for (let i = 0; i <= 40; i++) point(i, 10 * i, X + 0.001 * i, Y)
  for (let j = 0; j <= 10; j++) point(41 + j, 700 + 10 * j, X + 0.001 * j, Y + 0.01)
  await trackRepo.insertPoints(db, points)

  const buildings = [
    ['last step of the first piece', midOfStep(15), Y + north(25)],
    ['first step of the second piece', midOfStep(16), Y + north(25)],
    ['last step of the second piece', midOfStep(31), Y + north(25)],
    ['last step before the gap', midOfStep(40), Y + north(25)],
    ['last step of the patrol', X + 0.0095, Y + 0.01 + north(25)],
    ['35 m from the walk', midOfStep(20), Y + north(35)],
    ['beside the gap, never walked', (X + 0.04 + X) / 2, Y + 0.005],
  ] as const
  for (const [name, lng, lat] of buildings)
    await db.execute(sql`insert into buildings (id, grid_id, grid_path, code, name, address, point)
      values (${uuidv7()}, ${g?.id}, ${grid.path}::ltree, ${name}, ${name}, ${name},
        ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326))`)

  expect(await finishPatrol(db, patrolId, at(800))).toBe(true)
}, 120_000)
afterAll(() => database?.close())

describe('the figures of a patrol in two stretches', () => {
  it('counts every building within the radius of a walked step, at the joins of the pieces too', async () => {
    const [p] = await queryRows<{
      buildings_passed: number
      buildings_total: number
      coverage: number
      distance_m: number
      in_grid_s: number
      gap_s: number
    }>(
      database.db,
      sql`select buildings_passed, buildings_total, coverage, distance_m, in_grid_s, gap_s from patrols where id = ${patrolId}`,
    )
    expect(p).toMatchObject({ buildings_passed: 5, buildings_total: 7, in_grid_s: 500, gap_s: 300 })
    expect(p?.coverage).toBeCloseTo(5 / 7, 5)
    // 50 steps of 0.001° of longitude at 30.05°N (≈ 96.4 m each); the gap is not walked.
    expect(p?.distance_m).toBeGreaterThan(4810)
    expect(p?.distance_m).toBeLessThan(4830)
  })

  it('keeps one line per stretch through every counted point, each point once', async () => {
    const [p] = await queryRows<{ lines: number; first: number; second: number; gaps: string }>(
      database.db,
      sql`select ST_NumGeometries(track) as lines, ST_NPoints(ST_GeometryN(track, 1)) as first,
        ST_NPoints(ST_GeometryN(track, 2)) as second, gaps::text as gaps from patrols where id = ${patrolId}`,
    )
    expect(p).toMatchObject({ lines: 2, first: 41, second: 11 })
    const gaps = JSON.parse(p?.gaps ?? '[]')
    expect(gaps.map((g: { from: string; to: string }) => [Date.parse(g.from), Date.parse(g.to)])).toEqual([
      [at(400).getTime(), at(700).getTime()],
    ])
  })
})
