import type { Executor } from '../../../db/database'
import type { RequestContext } from '../../../lib/context'
import { uuidv7 } from '../../../lib/ids'
import { badRequest, forbidden, notFound, Problem } from '../../../lib/problem'
import { inTransaction } from '../../../lib/service'
import { recordAudit } from '../../audit/audit.service'
import { holdsAnywhere } from '../../auth/auth.policy'
import { loadCodeRows } from '../codes/codes.book'
import type { LedgerDeps } from '../ledgers.deps'
import { mayExportLedger, mayWriteLedger } from '../ledgers.policy'
import { type GridRef, peopleStore } from '../people/people.store'
import { devicesWriter } from './devices.writer'
import { type ImportMode, type ImportRow, importsRepo } from './imports.repo'
import { checkTemplate, errorWorkbook, type FailedRow, guardWorkbook } from './imports.sheet'
import { RECORD_TYPES, type RecordType } from './imports.types'
import type { SheetWriter } from './imports.writer'
import { organizationsWriter } from './organizations.writer'
import { peopleWriter } from './people.writer'
import { checkSheetOffThread } from './sheet-thread'

export type { ImportMode } from './imports.repo'

/** Rows an import may hold (the upload is refused with 413 `import.too_many_rows` past it). */
export const MAX_IMPORT_ROWS = 200_000
/** Rows written per statement and transaction (valid_only) and per progress update. */
export const BATCH_ROWS = 500
/** Batches written at once in valid-rows mode, each in its own transaction. */
export const WRITE_LANES = 2

type Progress = { read: number; created: number; updated: number; failed: number }

const interrupted = () =>
  new Problem(503, 'import.interrupted', 'The import was interrupted: upload it again')

/** Thrown inside an all-or-nothing transaction to roll it back once the sheet had a failed row. */
class RollBack extends Error {}

export function toImportView(row: ImportRow, live?: Progress) {
  const p = live ?? {
    read: row.rows_read,
    created: row.rows_created,
    updated: row.rows_updated,
    failed: row.rows_failed,
  }
  return {
    id: row.id,
    type: row.record_type,
    mode: row.mode,
    status: row.status,
    fileName: row.file_name,
    rowsRead: p.read,
    rowsCreated: p.created,
    rowsUpdated: p.updated,
    rowsFailed: p.failed,
    /** All or nothing with a failed row: nothing was written. */
    rolledBack: row.status === 'done' && row.mode === 'all_or_nothing' && row.rows_failed > 0,
    errorReport: row.has_report,
    failure: row.failure,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  }
}
export type ImportView = ReturnType<typeof toImportView>

/** A current grid by code, if the actor may write the ledger there (else null: not said which). */
async function writableGrid(ex: Executor, ctx: RequestContext, code: string): Promise<GridRef | null> {
  const grid = await importsRepo.currentGrid(ex, code)
  return grid && mayWriteLedger(ctx.actor, grid.path) ? grid : null
}

/**
 * Excel imports: the upload is checked (zip guards, row cap, template mark) and queued; one job runs at
 * a time in this process, streaming the sheet, checking each row, and writing batches of valid rows
 * through the people store (one file per citizen by the ID number's blind index). A job found queued
 * or running at start was interrupted by a restart: it is marked failed (`import.interrupted`), its
 * upload dropped, and the importer uploads again (nothing half-written stays in all-or-nothing mode;
 * in valid-rows mode the batches written before stay, and importing again updates them).
 */
export function createImports(deps: LedgerDeps) {
  const { db } = deps
  const writers: Record<RecordType, SheetWriter<never, unknown>> = {
    people: peopleWriter(peopleStore(deps.fields)),
    organizations: organizationsWriter(deps),
    devices: devicesWriter(),
  }
  const contexts = new Map<string, RequestContext>()
  const live = new Map<string, Progress>()
  const queue: string[] = []
  let worker: Promise<void> | null = null
  let stopped = false

  const one = (id: string) => importsRepo.find(db, id)

  function kick() {
    if (worker || stopped) return
    worker = (async () => {
      for (let id = queue.shift(); id && !stopped; id = queue.shift()) await run(id)
    })()
      .catch(() => {})
      .finally(() => {
        worker = null
        if (queue.length && !stopped) kick()
      })
  }

  async function run(id: string) {
    const ctx = contexts.get(id)
    const progress: Progress = { read: 0, created: 0, updated: 0, failed: 0 }
    live.set(id, progress)
    try {
      if (!ctx) throw interrupted()
      await importsRepo.markRunning(db, id)
      const job = await importsRepo.job(db, id)
      if (!job) return
      const failures = await process(ctx, id, job, progress)
      const report = failures.length ? await errorWorkbook(RECORD_TYPES[job.record_type], failures) : null
      await inTransaction(deps, async (tx) => {
        await importsRepo.finish(tx, id, progress, report)
        await recordAudit(tx, ctx, {
          action: 'ledger.import',
          resourceType: 'ledger_import',
          resourceId: id,
          summary: {
            type: job.record_type,
            mode: job.mode,
            read: progress.read,
            created: progress.created,
            updated: progress.updated,
            failed: progress.failed,
            written: !(job.mode === 'all_or_nothing' && progress.failed > 0),
          },
        })
      })
    } catch (error) {
      const code = error instanceof Problem ? error.code : 'import.failed'
      if (!(error instanceof Problem)) console.error('import failed', id, error)
      // The database may be closing with the server: the next start marks the job interrupted.
      await importsRepo.fail(db, id, progress, code).catch(() => {})
    } finally {
      live.delete(id)
      contexts.delete(id)
    }
  }

  /** Streams the sheet; answers the failed rows (in all-or-nothing mode, after rolling everything back). */
  async function process(
    ctx: RequestContext,
    id: string,
    job: { record_type: RecordType; mode: ImportMode; upload: Uint8Array; code: string | null },
    progress: Progress,
  ): Promise<FailedRow[]> {
    const sheet = RECORD_TYPES[job.record_type]
    const codes = await loadCodeRows(db)
    const grids = new Map<string, GridRef | null>()
    const failures: FailedRow[] = []
    const actor = ctx.actor?.name ?? 'import'
    const fail = (row: FailedRow) => {
      failures.push(row)
      progress.failed += 1
    }

    async function gridOf(ex: Executor, code: string) {
      if (!grids.has(code)) grids.set(code, await writableGrid(ex, ctx, code))
      return grids.get(code) ?? null
    }

    type Pending = { number: number; cells: string[]; record: unknown; grid: GridRef }
    type Prepared = { number: number; cells: string[]; prepared: unknown }
    const writer = writers[job.record_type] as SheetWriter<unknown, unknown>
    async function write(ex: Executor, batch: Prepared[]) {
      const outcomes = await writer.write(
        ex,
        ctx,
        batch.map((b) => b.prepared),
      )
      outcomes.forEach((outcome, i) => {
        const b = batch[i] as Prepared
        if (outcome === 'created') progress.created += 1
        else if (outcome === 'updated') progress.updated += 1
        else fail({ number: b.number, cells: b.cells, errors: [outcome] })
      })
    }

    async function stream(ex: Executor | null) {
      let batch: Pending[] = []
      let keys = new Set<string>()
      // Batches are written while the next ones are read, in transactions of their own on up to
      // WRITE_LANES connections (one in an all-or-nothing import's single transaction). A batch that
      // shares a key with one still being written waits for every write before it, so a repeated key
      // always updates the record as stored.
      const lanes = ex ? 1 : WRITE_LANES
      const inflight: { done: Promise<void>; keys: Set<string> }[] = []
      const settle = async (left: number) => {
        while (inflight.length > left) await inflight.shift()?.done
      }
      const commit = async (items: Prepared[]) => {
        if (ex) return write(ex, items)
        // One commit per batch, its progress with it, not waiting for the disk: a crash may lose the
        // last batches, and then the job is marked interrupted and the sheet imported again (rows are
        // matched by their key, so nothing is written twice).
        await inTransaction(deps, async (tx) => {
          await importsRepo.commitWithoutWaiting(tx)
          await write(tx, items)
          await importsRepo.setProgress(tx, id, progress)
        })
      }
      const flush = async () => {
        if (!batch.length) return
        // Prepared (people: sealed) while the previous batches are in the database.
        const prepared = writer.prepare(batch)
        const items = batch.map((b, i) => ({ number: b.number, cells: b.cells, prepared: prepared[i] }))
        const batchKeys = keys
        batch = []
        keys = new Set()
        if (inflight.some((w) => [...batchKeys].some((k) => w.keys.has(k)))) await settle(0)
        await settle(lanes - 1)
        const done = commit(items)
        // A failure is met when this write is settled, not as an unhandled rejection meanwhile.
        done.catch(() => {})
        inflight.push({ done, keys: batchKeys })
      }
      try {
        const reading = checkSheetOffThread(job.upload, job.record_type, { codes, defaultGrid: job.code })
        for await (const row of reading) {
          if (stopped) throw interrupted()
          progress.read += 1
          if (progress.read > MAX_IMPORT_ROWS)
            throw new Problem(413, 'import.too_many_rows', `At most ${MAX_IMPORT_ROWS} rows`)
          const checked = row.checked
          if (!checked.ok) {
            fail({ number: row.number, cells: row.cells, errors: checked.errors })
            continue
          }
          const grid = await gridOf(ex ?? db, checked.record.gridCode)
          if (!grid) {
            fail({
              number: row.number,
              cells: row.cells,
              errors: [
                {
                  field: 'gridCode',
                  code: 'ledger.grid_not_found',
                  message: `网格“${checked.record.gridCode}”不存在或不在您的维护范围内`,
                },
              ],
            })
            continue
          }
          // A key met again in the batch (an ID number, a credit code): the batch is written first, so the
          // later row updates the earlier record as stored (in order, the later non-empty values win).
          const key = (sheet.keyOf as (r: unknown) => string | null)(checked.record)
          if (key && keys.has(key)) await flush()
          if (key) keys.add(key)
          batch.push({ number: row.number, cells: row.cells, record: checked.record, grid })
          if (batch.length >= BATCH_ROWS) await flush()
        }
        await flush()
      } finally {
        // Nothing is left running when the sheet stops early (an all-or-nothing transaction ends after it).
        await Promise.allSettled(inflight.map((w) => w.done))
      }
      await settle(0)
    }

    if (job.mode === 'valid_only') await stream(null)
    else {
      try {
        await inTransaction(deps, async (tx) => {
          await stream(tx)
          if (failures.length) throw new RollBack()
        })
      } catch (error) {
        if (!(error instanceof RollBack)) throw error
        progress.created = 0
        progress.updated = 0
      }
    }
    failures.sort((a, b) => a.number - b.number)
    return failures
  }

  return {
    /** Importing needs ledger.export somewhere besides ledger.write (asked before the upload is read). */
    assertMayImport(ctx: RequestContext) {
      if (!holdsAnywhere(ctx.actor, 'ledger.export'))
        throw forbidden('auth.forbidden', 'You may not import ledgers', { permission: ['ledger.export'] })
    },

    async stop() {
      stopped = true
      await worker
    },

    /** Waits for the queue to empty (tests). */
    async idle() {
      while (worker) await worker
    },

    /** Checks an upload and queues it; answers the job's id (202). */
    async start(
      ctx: RequestContext,
      input: { type: RecordType; mode: ImportMode; grid?: string; fileName: string; bytes: Buffer },
    ) {
      const sheet = RECORD_TYPES[input.type]
      let gridPath: string | null = null
      if (input.grid) {
        const grid = await writableGrid(db, ctx, input.grid)
        if (!grid || !mayExportLedger(ctx.actor, grid.path))
          throw badRequest('ledger.grid_not_found', `No grid ${input.grid} within your ledgers`)
        gridPath = grid.path
      }
      const rows = guardWorkbook(input.bytes)
      if (rows > MAX_IMPORT_ROWS + 2)
        throw new Problem(
          413,
          'import.too_many_rows',
          `The sheet has ${rows} rows; at most ${MAX_IMPORT_ROWS}`,
        )
      await checkTemplate(input.bytes, sheet)
      const id = uuidv7()
      await importsRepo.insert(db, {
        id,
        recordType: input.type,
        mode: input.mode,
        userId: ctx.actor?.id,
        gridPath,
        fileName: input.fileName.slice(0, 200),
        upload: input.bytes,
      })
      contexts.set(id, ctx)
      queue.push(id)
      kick()
      return { id, status: 'queued' as const }
    },

    /** One import: its importer, or a reader with ledger.export over its default grid. */
    async get(ctx: RequestContext, id: string) {
      const row = await one(id)
      if (!row || !mayRead(ctx, row)) throw notFound('import.not_found', 'No such import')
      return toImportView(row, live.get(id))
    },

    async report(ctx: RequestContext, id: string) {
      const row = await one(id)
      if (!row || !mayRead(ctx, row)) throw notFound('import.not_found', 'No such import')
      const report = await importsRepo.errorReport(db, id)
      if (!report) throw notFound('import.no_report', 'This import has no error report')
      return {
        bytes: Buffer.from(report),
        fileName: `${row.file_name.replace(/\.xlsx$/i, '')}_错误报告.xlsx`,
      }
    },

    /** The caller's 50 latest imports. */
    async mine(ctx: RequestContext) {
      const rows = await importsRepo.ofUser(db, ctx.actor?.id ?? null, 50)
      return rows.map((r) => toImportView(r, live.get(r.id)))
    },
  }
}

function mayRead(ctx: RequestContext, row: ImportRow) {
  if (ctx.actor?.type === 'user' && ctx.actor.id === row.user_id) return true
  return row.grid_path !== null && mayExportLedger(ctx.actor, row.grid_path)
}

export type Imports = ReturnType<typeof createImports>

/**
 * At start: the jobs a restart interrupted (queued or running) are marked failed, `import.interrupted`,
 * and their uploads dropped; the importer uploads the sheet again (re-importing is safe: people are
 * matched by ID number). Jobs run in the process that took the upload, so one server runs them all.
 */
export async function recoverImports(db: Executor) {
  await importsRepo.failInterrupted(db)
}
