import { type SQL, sql } from 'drizzle-orm'
import { pgTextArray } from '../../../db/arrays'
import { type Executor, queryRows } from '../../../db/database'
import type { GridRef, PersonRow } from '../people/people.store'
import type { RecordType } from './imports.types'

export type ImportMode = 'all_or_nothing' | 'valid_only'

export interface ImportRow {
  id: string
  record_type: string
  mode: ImportMode
  status: 'queued' | 'running' | 'done' | 'failed'
  user_id: string
  grid_path: string | null
  file_name: string
  rows_read: number
  rows_created: number
  rows_updated: number
  rows_failed: number
  has_report: boolean
  failure: string | null
  created_at: string
  finished_at: string | null
}

/** An import job as the worker reads it: the upload and the code of its default grid. */
export interface ImportJob {
  record_type: RecordType
  mode: ImportMode
  upload: Uint8Array
  code: string | null
}

export type ImportCounts = { read: number; created: number; updated: number; failed: number }

/** A person as exported: the grid's code, whether in an open special group, who is responsible. */
export type ExportRow = PersonRow & { grid_code: string; special: boolean; responsible: string[] }

const COLUMNS = sql`id, record_type, mode, status, user_id, grid_path::text as grid_path, file_name, rows_read,
  rows_created, rows_updated, rows_failed, error_report is not null as has_report, failure,
  created_at::text as created_at, finished_at::text as finished_at`

const countsSet = (p: ImportCounts) =>
  sql`rows_read = ${p.read}, rows_created = ${p.created}, rows_updated = ${p.updated}, rows_failed = ${p.failed}`

/** Every statement on Excel import jobs (ledger_imports) and the people export. */
export const importsRepo = {
  async find(ex: Executor, id: string): Promise<ImportRow | undefined> {
    const [row] = await queryRows<ImportRow>(ex, sql`select ${COLUMNS} from ledger_imports where id = ${id}`)
    return row
  },

  /** A user's latest imports, newest first. */
  ofUser(ex: Executor, userId: string | null, limit: number): Promise<ImportRow[]> {
    return queryRows<ImportRow>(
      ex,
      sql`select ${COLUMNS} from ledger_imports where user_id = ${userId}
        order by created_at desc, id desc limit ${limit}`,
    )
  },

  async insert(
    ex: Executor,
    i: {
      id: string
      recordType: RecordType
      mode: ImportMode
      userId: string | undefined
      gridPath: string | null
      fileName: string
      upload: Buffer
    },
  ): Promise<void> {
    await ex.execute(sql`insert into ledger_imports (id, record_type, mode, status, user_id, grid_path, file_name, upload)
        values (${i.id}, ${i.recordType}, ${i.mode}, 'queued', ${i.userId}, ${i.gridPath}::ltree,
          ${i.fileName}, ${i.upload})`)
  },

  async markRunning(ex: Executor, id: string): Promise<void> {
    await ex.execute(sql`update ledger_imports set status = 'running' where id = ${id}`)
  },

  async job(ex: Executor, id: string): Promise<ImportJob | undefined> {
    const [job] = await queryRows<ImportJob>(
      ex,
      sql`select i.record_type, i.mode, i.upload, g.code from ledger_imports i
          left join grids g on g.path = i.grid_path and g.valid_to is null where i.id = ${id}`,
    )
    return job
  },

  /** This transaction's commit does not wait for the write-ahead log to reach the disk. */
  async commitWithoutWaiting(tx: Executor): Promise<void> {
    await tx.execute(sql`set local synchronous_commit = off`)
  },

  async setProgress(ex: Executor, id: string, p: ImportCounts): Promise<void> {
    await ex.execute(sql`update ledger_imports set ${countsSet(p)} where id = ${id}`)
  },

  async finish(ex: Executor, id: string, p: ImportCounts, report: Uint8Array | Buffer | null): Promise<void> {
    await ex.execute(sql`update ledger_imports set status = 'done', upload = null, error_report = ${report},
          ${countsSet(p)}, finished_at = now() where id = ${id}`)
  },

  async fail(ex: Executor, id: string, p: ImportCounts, failure: string): Promise<void> {
    await ex.execute(sql`update ledger_imports set status = 'failed', upload = null, failure = ${failure},
          ${countsSet(p)}, finished_at = now() where id = ${id}`)
  },

  /** Jobs queued or running marked failed `import.interrupted`, uploads dropped (at start). */
  async failInterrupted(ex: Executor): Promise<void> {
    await ex.execute(sql`update ledger_imports set status = 'failed', failure = 'import.interrupted',
    upload = null, finished_at = now() where status in ('queued', 'running')`)
  },

  async errorReport(ex: Executor, id: string): Promise<Uint8Array | null> {
    const [r] = await queryRows<{ error_report: Uint8Array | null }>(
      ex,
      sql`select error_report from ledger_imports where id = ${id}`,
    )
    return r?.error_report ?? null
  },

  /** A current grid by code. */
  async currentGrid(ex: Executor, code: string): Promise<GridRef | undefined> {
    const [grid] = await queryRows<GridRef>(
      ex,
      sql`select id, path::text as path from grids where code = ${code} and valid_to is null`,
    )
    return grid
  },

  /** A grid's path by code (any grid with the code, as the export has always looked it up). */
  async gridPath(ex: Executor, code: string): Promise<string | undefined> {
    const [grid] = await queryRows<{ path: string }>(
      ex,
      sql`select path::text as path from grids where code = ${code}`,
    )
    return grid?.path
  },

  /**
   * People not erased, newest first, within one grid's subtree (`gridPath`) or else any of
   * `subtrees` (null: everywhere), of a kind if given.
   */
  peopleToExport(
    ex: Executor,
    f: { gridPath?: string; subtrees: string[] | null; kind?: string },
    limit: number,
  ): Promise<ExportRow[]> {
    const where: SQL[] = [sql`p.erased_at is null`]
    if (f.gridPath !== undefined) where.push(sql`p.grid_path <@ ${f.gridPath}::ltree`)
    else if (f.subtrees) where.push(sql`p.grid_path <@ any(${pgTextArray(f.subtrees)}::ltree[])`)
    if (f.kind) where.push(sql`p.kind = ${f.kind}`)
    return queryRows<ExportRow>(
      ex,
      sql`select p.*, p.grid_path::text as grid_path, g.code as grid_code,
          exists (select 1 from group_memberships m where m.person_id = p.id
            and (m.ends_on is null or m.ends_on >= current_date)) as special,
          coalesce((select array_agg(m.responsible_user_id::text) from group_memberships m where m.person_id = p.id
            and m.responsible_user_id is not null), '{}') as responsible
        from people p join grids g on g.id = p.grid_id
        where ${sql.join(where, sql` and `)} order by p.id desc limit ${limit}`,
    )
  },
}
