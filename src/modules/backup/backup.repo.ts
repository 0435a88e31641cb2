import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'

/**
 * The field feed's change log and its standing: positions in this database's transaction ids,
 * meaningless in another. Never backed up; skipped when an older backup still holds them.
 */
export const CLUSTER_BOUND_TABLES: ReadonlySet<string> = new Set(['field_changes', 'field_sync_horizon'])

/** Identifiers come from the catalog, never from input; quoted all the same. */
const ident = (name: string) => sql.raw(`"${name.replaceAll('"', '""')}"`)

/**
 * Every statement of backup and restore. Tables are whatever the migrations made in `public`, minus
 * what extensions own (PostGIS's spatial_ref_sys): a new table is backed up without a code change.
 */
export const backupRepo = {
  /**
   * Our tables, without the day partitions of raw track points: those are kept only for their
   * retention (finished patrols keep their compacted lines), and a restore has none of their days.
   * Nor the cluster-bound tables: a restored database starts a new change log and every phone
   * downloads its grids again.
   */
  async tables(ex: Executor): Promise<string[]> {
    const rows = await queryRows<{ name: string }>(
      ex,
      sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and not c.relispartition
          and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
        order by c.relname`,
    )
    return rows.map((r) => r.name).filter((name) => !CLUSTER_BOUND_TABLES.has(name))
  },

  /** Columns in the order a row's text lists them; `insertable` leaves out generated ones. */
  async columns(ex: Executor, table: string): Promise<{ name: string; insertable: boolean }[]> {
    const rows = await queryRows<{ name: string; generated: string }>(
      ex,
      sql`select a.attname as name, a.attgenerated as generated from pg_attribute a
        where a.attrelid = ${`public.${table}`}::regclass and a.attnum > 0 and not a.attisdropped
        order by a.attnum`,
    )
    return rows.map((r) => ({ name: r.name, insertable: r.generated === '' }))
  },

  async sequences(ex: Executor): Promise<Record<string, { value: string; isCalled: boolean }>> {
    const names = await queryRows<{ name: string }>(
      ex,
      sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'S'
          and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
        order by c.relname`,
    )
    const out: Record<string, { value: string; isCalled: boolean }> = {}
    for (const { name } of names) {
      const [row] = await queryRows<{ value: string; is_called: boolean }>(
        ex,
        sql`select last_value::text as value, is_called from ${ident(name)}`,
      )
      if (row) out[name] = { value: row.value, isCalled: row.is_called }
    }
    return out
  },

  /** Rows of a table as the database writes them (`table::text`), page by page through a cursor. */
  async *rows(tx: Executor, table: string, pageSize: number): AsyncGenerator<string[]> {
    await tx.execute(
      sql`declare wangge_backup no scroll cursor for select t::text as r from ${ident(table)} t`,
    )
    for (;;) {
      const page = await queryRows<{ r: string }>(
        tx,
        sql.raw(`fetch forward ${Number(pageSize)} from wangge_backup`),
      )
      if (page.length) yield page.map((p) => p.r)
      if (page.length < pageSize) break
    }
    await tx.execute(sql`close wangge_backup`)
  },

  async count(ex: Executor, table: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      ex,
      sql`select count(*)::bigint::text as n from ${ident(table)}`,
    )
    return Number(row?.n ?? 0)
  },

  /** Inserts rows given as their text, columns by name; generated columns recompute. */
  async insert(tx: Executor, table: string, columns: string[], rows: string[]): Promise<void> {
    const list = sql.join(
      columns.map((c) => ident(c)),
      sql`, `,
    )
    const picks = sql.join(
      columns.map((c) => sql`(x).${ident(c)}`),
      sql`, `,
    )
    await tx.execute(sql`insert into ${ident(table)} (${list}) overriding system value
      select ${picks} from (select r::${ident(table)} as x from jsonb_array_elements_text(${JSON.stringify(rows)}::jsonb) r) s`)
  },

  /** Removes rows the migrations wrote (defaults they seed), which the backup's own rows replace. */
  async clear(tx: Executor, table: string): Promise<void> {
    await tx.execute(sql`delete from ${ident(table)}`)
  },

  async setSequence(tx: Executor, name: string, value: string, isCalled: boolean): Promise<void> {
    await tx.execute(sql`select setval(${`public.${name}`}::regclass, ${value}::bigint, ${isCalled})`)
  },

  /** Neither triggers (the audit log's guard) nor foreign keys fire while rows come back in any order. */
  async withoutTriggers(tx: Executor): Promise<void> {
    await tx.execute(sql`set local session_replication_role = replica`)
  },

  /** A database is empty when it has no table of ours and no migration record. */
  async isEmpty(ex: Executor): Promise<boolean> {
    const [row] = await queryRows<{ tables: number; migrations: string | null }>(
      ex,
      sql`select (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r' and not c.relispartition
            and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')) as tables,
        to_regclass('drizzle.__drizzle_migrations')::text as migrations`,
    )
    return Number(row?.tables ?? 0) === 0 && !row?.migrations
  },
}
