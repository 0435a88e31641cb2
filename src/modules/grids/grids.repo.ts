import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'
import { andPathWithin } from '../../db/scope-sql'
import { likeContains, likeStartsWith } from '../../lib/like'

export interface GridRow {
  id: string
  code: string
  name: string
  level: string
  path: string
  parent_code: string | null
  exclusive: boolean
  sector: string | null
  households: number | null
  population: number | null
  responsible_unit: string | null
  valid_from: string
  valid_to: string | null
  attributes: Record<string, unknown>
}

export interface BoundaryCheck {
  valid: boolean
  reason: string
  /** Share of the new boundary's area lying outside the parent (0 when there is no parent). */
  outside: number
  /** Current siblings the new boundary overlaps, with the overlapping share of its area. */
  overlaps: { code: string; share: number }[]
}

const columns =
  sql.raw(`g.id, g.code, g.name, g.level, g.path::text as path, p.code as parent_code, g.exclusive,
  g.sector, g.households, g.population, g.responsible_unit, g.valid_from::text as valid_from,
  g.valid_to::text as valid_to, g.attributes`)

const fromGrids = sql.raw('grids g left join grids p on p.id = g.parent_id')

/** The boundary as stored: SRID 4326, always a MultiPolygon. */
const geomOf = (geojson: string) => sql`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${geojson}), 4326))`

export const gridsRepo = {
  /** Cuts off each later statement of the transaction after `ms` (PostgreSQL servers; PGlite has no timer). */
  async limitStatementTime(tx: Executor, ms: number): Promise<void> {
    await tx.execute(sql`select set_config('statement_timeout', ${String(ms)}, true)`)
  },

  async findByCode(ex: Executor, code: string): Promise<(GridRow & { boundary: string }) | undefined> {
    const [row] = await queryRows<GridRow & { boundary: string }>(
      ex,
      sql`select ${columns}, ST_AsGeoJSON(g.boundary, 7) as boundary from ${fromGrids} where g.code = ${code}`,
    )
    return row
  },

  /** The grids holding `path`, root first, itself included. */
  async chain(
    ex: Executor,
    path: string,
  ): Promise<{ id: string; code: string; name: string; level: string; path: string }[]> {
    return queryRows(
      ex,
      sql`select id, code, name, level, path::text as path from grids where path @> ${path}::ltree order by nlevel(path)`,
    )
  },

  async ancestors(ex: Executor, path: string): Promise<{ code: string; name: string; level: string }[]> {
    return queryRows(
      ex,
      sql`select code, name, level from grids where path @> ${path}::ltree and path <> ${path}::ltree order by nlevel(path)`,
    )
  },

  async childCount(ex: Executor, id: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      ex,
      sql`select count(*)::int as n from grids where parent_id = ${id} and valid_to is null`,
    )
    return Number(row?.n ?? 0)
  },

  async list(
    ex: Executor,
    q: {
      parentCode?: string
      level?: string
      search?: string
      limit: number
      cursor?: string
      within: string[] | null
    },
  ): Promise<GridRow[]> {
    const conditions = [sql`g.valid_to is null`]
    if (q.parentCode) conditions.push(sql`p.code = ${q.parentCode}`)
    if (q.level) conditions.push(sql`g.level = ${q.level}`)
    if (q.search)
      conditions.push(
        sql`(${likeStartsWith(sql.raw('g.code'), q.search)} or ${likeContains(sql.raw('g.name'), q.search)})`,
      )
    if (q.cursor) conditions.push(sql`g.code > ${q.cursor}`)
    return queryRows(
      ex,
      sql`select ${columns} from ${fromGrids} where ${sql.join(conditions, sql` and `)} ${andPathWithin(sql.raw('g.path'), q.within)}
        order by g.code limit ${q.limit}`,
    )
  },

  /**
   * The current grids at these paths (null: the deployment's roots), each with its box
   * [west, south, east, north].
   */
  async roots(
    ex: Executor,
    paths: string[] | null,
  ): Promise<(GridRow & { bbox: [number, number, number, number] })[]> {
    if (paths?.length === 0) return []
    const at = paths
      ? sql`g.path = any(array[${sql.join(
          paths.map((p) => sql`${p}::ltree`),
          sql`, `,
        )}])`
      : sql`g.parent_id is null`
    return queryRows(
      ex,
      sql`select ${columns}, json_build_array(ST_XMin(g.boundary), ST_YMin(g.boundary), ST_XMax(g.boundary),
          ST_YMax(g.boundary)) as bbox
        from ${fromGrids} where ${at} and g.valid_to is null order by g.code`,
    )
  },

  /** Validity, share outside the parent and overlaps with current siblings, in one statement. */
  async checkBoundary(
    ex: Executor,
    geojson: string,
    parentId: string | null,
    selfId: string | null = null,
  ): Promise<BoundaryCheck> {
    const [row] = await queryRows<{
      valid: boolean
      reason: string
      outside: number | null
      overlaps: BoundaryCheck['overlaps'] | null
    }>(
      ex,
      sql`with n as (select ${geomOf(geojson)} as geom)
        select ST_IsValid(n.geom) as valid, ST_IsValidReason(n.geom) as reason,
          case when not ST_IsValid(n.geom) or ${parentId}::uuid is null then 0
               else (select ST_Area(ST_Difference(n.geom, p.boundary)) / nullif(ST_Area(n.geom), 0)
                     from grids p where p.id = ${parentId}::uuid) end as outside,
          case when not ST_IsValid(n.geom) then null
               else (select json_agg(json_build_object('code', s.code,
                       'share', ST_Area(ST_Intersection(n.geom, s.boundary)) / nullif(ST_Area(n.geom), 0)))
                     from grids s
                     where s.parent_id is not distinct from ${parentId}::uuid and s.valid_to is null
                       and s.id is distinct from ${selfId}::uuid
                       and ST_Intersects(s.boundary, n.geom)) end as overlaps
        from n`,
    )
    return {
      valid: !!row?.valid,
      reason: row?.reason ?? '',
      outside: Number(row?.outside ?? 0),
      overlaps: (row?.overlaps ?? []).map((o) => ({ code: o.code, share: Number(o.share) })),
    }
  },

  async insert(
    ex: Executor,
    g: Omit<GridRow, 'parent_code' | 'valid_from' | 'valid_to'> & {
      parent_id: string | null
      boundary: string
    },
  ): Promise<void> {
    await ex.execute(sql`insert into grids (id, code, name, level, path, parent_id, exclusive, sector, boundary,
        households, population, responsible_unit, attributes)
      values (${g.id}, ${g.code}, ${g.name}, ${g.level}, ${g.path}::ltree, ${g.parent_id}, ${g.exclusive}, ${g.sector},
        ${geomOf(g.boundary)}, ${g.households}, ${g.population}, ${g.responsible_unit}, ${JSON.stringify(g.attributes)}::jsonb)`)
  },

  /** A subtree's current grids with their boundaries, parents first. */
  async subtreeWithBoundaries(ex: Executor, path: string): Promise<(GridRow & { boundary: string })[]> {
    return queryRows(
      ex,
      sql`select ${columns}, ST_AsGeoJSON(g.boundary, 7) as boundary from ${fromGrids}
        where g.path <@ ${path}::ltree and g.valid_to is null order by nlevel(g.path), g.code`,
    )
  },

  /** The part of a grid its current children leave uncovered, and that part's share of its area. */
  async uncovered(ex: Executor, id: string): Promise<{ share: number; geometry: string | null }> {
    const [row] = await queryRows<{ share: number | null; geometry: string | null }>(
      ex,
      sql`with p as (select boundary from grids where id = ${id}),
          c as (select ST_Union(boundary) as u from grids where parent_id = ${id} and valid_to is null),
          d as (select ST_Multi(ST_CollectionExtract(
              case when c.u is null then p.boundary else ST_Difference(p.boundary, c.u) end, 3)) as geom from p, c)
        select ST_Area(d.geom) / nullif(ST_Area(p.boundary), 0) as share,
          -- Floating-point slivers along shared edges are not gaps.
          case when ST_IsEmpty(d.geom) or ST_Area(d.geom) <= 1e-12 * ST_Area(p.boundary) then null
               else ST_AsGeoJSON(d.geom, 7) end as geometry
        from d, p`,
    )
    return { share: Number(row?.share ?? 0), geometry: row?.geometry ?? null }
  },

  async children(ex: Executor, id: string): Promise<GridRow[]> {
    return queryRows(
      ex,
      sql`select ${columns} from ${fromGrids} where g.parent_id = ${id} and g.valid_to is null order by g.code`,
    )
  },

  /** Current children lying outside a proposed boundary by more than `tolerance` of their area. */
  async childrenOutside(ex: Executor, id: string, geojson: string, tolerance: number): Promise<string[]> {
    const rows = await queryRows<{ code: string }>(
      ex,
      sql`select c.code from grids c
        where c.parent_id = ${id} and c.valid_to is null
          and ST_Area(ST_Difference(c.boundary, ${geomOf(geojson)})) > ${tolerance} * ST_Area(c.boundary)
        order by c.code`,
    )
    return rows.map((r) => r.code)
  },

  async update(
    ex: Executor,
    id: string,
    patch: {
      name?: string
      households?: number | null
      population?: number | null
      responsible_unit?: string | null
      boundary?: string
    },
  ): Promise<void> {
    await ex.execute(sql`update grids set
        name = coalesce(${patch.name ?? null}, name),
        households = ${patch.households === undefined ? sql`households` : sql`${patch.households}`},
        population = ${patch.population === undefined ? sql`population` : sql`${patch.population}`},
        responsible_unit = ${patch.responsible_unit === undefined ? sql`responsible_unit` : sql`${patch.responsible_unit}`},
        boundary = ${patch.boundary === undefined ? sql`boundary` : geomOf(patch.boundary)},
        updated_at = now()
      where id = ${id}`)
  },

  /** Retiring keeps the row (statistics of the past still find it): valid until yesterday. */
  async retire(ex: Executor, id: string): Promise<void> {
    await ex.execute(sql`update grids set valid_to = current_date, updated_at = now() where id = ${id}`)
  },

  /** Every current grid with its boundary, for the in-memory locator. */
  async locatables(ex: Executor): Promise<(GridRow & { boundary: string; depth: number })[]> {
    return queryRows(
      ex,
      sql`select ${columns}, nlevel(g.path) as depth, ST_AsGeoJSON(g.boundary) as boundary from ${fromGrids}
        where g.valid_to is null`,
    )
  },

  /** Bumped by a trigger on every change to grids: tells nodes their in-memory index is stale. */
  async changeVersion(ex: Executor): Promise<number> {
    const [row] = await queryRows<{ version: number }>(ex, sql`select version from grid_changes where id = 1`)
    return Number(row?.version ?? 0)
  },

  /**
   * The current grids covering a point, root first, one per level. A point on an edge shared by two
   * grids is covered by both: the lower code wins, so every point has exactly one answer.
   */
  async locate(ex: Executor, lng: number, lat: number): Promise<GridRow[]> {
    return queryRows(
      ex,
      sql`select * from (
          select distinct on (nlevel(g.path)) ${columns}, nlevel(g.path) as depth from ${fromGrids}
          where g.valid_to is null and ST_Covers(g.boundary, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326))
          order by nlevel(g.path), g.code) chain
        order by depth`,
    )
  },
}
