import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'
import { likeStartsWith } from '../../lib/like'

/** The proposed parts of a split, numbered from 0 in the order given. */
const partsCte = (parts: string[]) =>
  sql`parts as (select (t.ord - 1)::int as ord, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(t.g), 4326)) as geom
    from json_array_elements_text(${JSON.stringify(parts)}::json) with ordinality as t(g, ord))`

export interface SplitFit {
  /** Share of the old grid no part covers. */
  uncovered: number
  /** Share of the parts' union lying outside the old grid. */
  outside: number
  /** Pairs of parts overlapping, with the share of the smaller part. */
  overlaps: { a: number; b: number; share: number }[]
  /** Each current child with the part holding most of it, and that share of the child. */
  children: { id: string; code: string; part: number; share: number }[]
}

export interface LineageRow {
  direction: 'from' | 'to'
  code: string
  name: string
  kind: string
  effective_on: string
  reason: string | null
  /** A timestamp: a Date or text, as the driver hands it over. */
  recorded_at: Date | string
  recorded_by: string | null
}

/** A piece of a grid cut by a line, with its share of the grid's area. */
export interface CutPart {
  geojson: string
  share: number
}

export const reshapeRepo = {
  /** How a set of parts tiles a grid, and where each of its current children falls. */
  async splitFit(ex: Executor, gridId: string, parts: string[]): Promise<SplitFit> {
    const [row] = await queryRows<{
      uncovered: number | null
      outside: number | null
      overlaps: SplitFit['overlaps'] | null
      children: SplitFit['children'] | null
    }>(
      ex,
      sql`with ${partsCte(parts)},
          old as (select boundary from grids where id = ${gridId}),
          u as (select ST_Union(geom) as geom from parts)
        select
          (select ST_Area(ST_Difference(old.boundary, u.geom)) / nullif(ST_Area(old.boundary), 0) from old, u) as uncovered,
          (select ST_Area(ST_Difference(u.geom, old.boundary)) / nullif(ST_Area(u.geom), 0) from old, u) as outside,
          (select json_agg(json_build_object('a', a.ord, 'b', b.ord, 'share',
              ST_Area(ST_Intersection(a.geom, b.geom)) / nullif(least(ST_Area(a.geom), ST_Area(b.geom)), 0)))
            from parts a join parts b on a.ord < b.ord and ST_Intersects(a.geom, b.geom)) as overlaps,
          (select json_agg(json_build_object('id', c.id, 'code', c.code, 'part', best.ord, 'share', best.share) order by c.code)
            from grids c cross join lateral (
              select p.ord, coalesce(ST_Area(ST_Intersection(c.boundary, p.geom)) / nullif(ST_Area(c.boundary), 0), 0) as share
              from parts p order by 2 desc, p.ord limit 1) best
            where c.parent_id = ${gridId} and c.valid_to is null) as children`,
    )
    return {
      uncovered: Number(row?.uncovered ?? 0),
      outside: Number(row?.outside ?? 0),
      overlaps: (row?.overlaps ?? []).map((o) => ({ ...o, share: Number(o.share) })),
      children: (row?.children ?? []).map((c) => ({ ...c, share: Number(c.share) })),
    }
  },

  /** The union of grids' boundaries as GeoJSON (the boundary of their merger). */
  async union(ex: Executor, ids: string[]): Promise<string> {
    const [row] = await queryRows<{ geojson: string }>(
      ex,
      sql`select ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_Union(boundary), 3)), 9) as geojson
        from grids where id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
    )
    if (!row) throw new Error('no grids to unite')
    return row.geojson
  },

  /** A copy of a grid (boundary, counts, attributes) under a new parent with a new code and path. */
  async copyUnder(
    ex: Executor,
    from: string,
    to: { id: string; code: string; path: string; parentId: string },
  ): Promise<void> {
    await ex.execute(sql`insert into grids (id, code, name, level, path, parent_id, exclusive, sector, boundary,
        households, population, responsible_unit, attributes)
      select ${to.id}, ${to.code}, name, level, ${to.path}::ltree, ${to.parentId}, exclusive, sector, boundary,
        households, population, responsible_unit, attributes
      from grids where id = ${from}`)
  },

  async currentChildren(
    ex: Executor,
    parentId: string,
  ): Promise<{ id: string; code: string; path: string }[]> {
    return queryRows(
      ex,
      sql`select id, code, path::text as path from grids where parent_id = ${parentId} and valid_to is null order by code`,
    )
  },

  async recordLineage(
    ex: Executor,
    rows: { id: string; predecessorId: string; successorId: string; kind: string; reason: string | null }[],
    recordedBy: string | null,
  ): Promise<void> {
    if (rows.length === 0) return
    await ex.execute(sql`insert into grid_lineage (id, predecessor_id, successor_id, kind, effective_on, reason, recorded_by)
      values ${sql.join(
        rows.map(
          (r) =>
            sql`(${r.id}, ${r.predecessorId}, ${r.successorId}, ${r.kind}, current_date, ${r.reason}, ${recordedBy})`,
        ),
        sql`, `,
      )}`)
  },

  /** Where a grid came from and what became of it, by code. */
  async lineageOf(ex: Executor, gridId: string): Promise<LineageRow[]> {
    return queryRows(
      ex,
      sql`select 'from' as direction, g.code, g.name, l.kind, l.effective_on::text as effective_on, l.reason,
            l.created_at as recorded_at, l.recorded_by
          from grid_lineage l join grids g on g.id = l.predecessor_id where l.successor_id = ${gridId}
        union all
        select 'to', g.code, g.name, l.kind, l.effective_on::text, l.reason, l.created_at, l.recorded_by
          from grid_lineage l join grids g on g.id = l.successor_id where l.predecessor_id = ${gridId}
        order by 1, 2`,
    )
  },

  /**
   * The pieces a line cuts a grid into (ST_Split), west to east then north to south, each with its
   * share of the grid's area. One piece means the line does not cross the grid.
   */
  async cut(ex: Executor, gridId: string, line: string): Promise<CutPart[]> {
    const rows = await queryRows<{ geojson: string; share: number }>(
      ex,
      sql`with g as (select boundary from grids where id = ${gridId}),
          pieces as (select (ST_Dump(ST_Split(g.boundary, ST_SetSRID(ST_GeomFromGeoJSON(${line}), 4326)))).geom as geom from g)
        select ST_AsGeoJSON(pieces.geom, 9) as geojson, ST_Area(pieces.geom) / nullif(ST_Area(g.boundary), 0) as share
        from pieces, g
        order by ST_XMin(pieces.geom), ST_YMax(pieces.geom) desc`,
    )
    return rows.map((r) => ({ geojson: r.geojson, share: Number(r.share) }))
  },

  /** Every code ever given (retired ones too) that starts with `prefix` and has `length` digits. */
  async codesLike(ex: Executor, prefix: string, length: number): Promise<string[]> {
    const rows = await queryRows<{ code: string }>(
      ex,
      sql`select code from grids where ${likeStartsWith(sql.raw('code'), prefix)} and length(code) = ${length}`,
    )
    return rows.map((r) => r.code)
  },

  /** A code correction in place (no history): only for a grid without children that nothing quotes. */
  async changeCode(ex: Executor, id: string, code: string, path: string): Promise<void> {
    await ex.execute(
      sql`update grids set code = ${code}, path = ${path}::ltree, updated_at = now() where id = ${id}`,
    )
  },

  /** A valid version of a boundary (ST_MakeValid, polygons only), or null when it is valid already. */
  async repaired(ex: Executor, geojson: string): Promise<string | null> {
    const [row] = await queryRows<{ repaired: string | null }>(
      ex,
      sql`with n as (select ST_SetSRID(ST_GeomFromGeoJSON(${geojson}), 4326) as geom)
        select case when ST_IsValid(n.geom) then null
          else ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_MakeValid(n.geom), 3)), 9) end as repaired from n`,
    )
    return row?.repaired ?? null
  },
}
