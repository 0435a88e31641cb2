import type { Executor } from '../../../db/database'
import type { RequestContext } from '../../../lib/context'
import { Problem } from '../../../lib/problem'
import { inTransaction } from '../../../lib/service'
import { loadCodeRows } from '../codes/codes.book'
import type { LedgerDeps } from '../ledgers.deps'
import { mayWriteLedger } from '../ledgers.policy'
import type { GridRef } from '../people/people.store'
import { type ImportMode, importsRepo } from './imports.repo'
import type { FailedRow } from './imports.sheet'
import { RECORD_TYPES, type RecordType } from './imports.types'
import type { SheetWriter } from './imports.writer'
import { checkSheetOffThread } from './sheet-thread'

/** Rows an import may hold (the upload is refused with 413 `import.too_many_rows` past it). */
export const MAX_IMPORT_ROWS = 200_000
/** Rows written per statement and transaction (valid_only) and per progress update. */
export const BATCH_ROWS = 500
/** Batches written at once in valid-rows mode, each in its own transaction. */
export const WRITE_LANES = 2

export type Progress = { read: number; created: number; updated: number; failed: number }

export const interrupted = () =>
  new Problem(503, 'import.interrupted', 'The import was interrupted: upload it again')

/** Thrown inside an all-or-nothing transaction to roll it back once the sheet had a failed row. */
class RollBack extends Error {}

/** A current grid by code, if the actor may write the ledger there (else null: not said which). */
export async function writableGrid(ex: Executor, ctx: RequestContext, code: string): Promise<GridRef | null> {
  const grid = await importsRepo.currentGrid(ex, code)
  return grid && mayWriteLedger(ctx.actor, grid.path) ? grid : null
}

/** An import job as it runs: who asked, its row, its live counts. */
export interface RunningImport {
  ctx: RequestContext
  id: string
  job: { record_type: RecordType; mode: ImportMode; upload: Uint8Array; code: string | null }
  progress: Progress
}

/**
 * Streams a job's sheet (read and checked in a worker thread) and writes its valid rows in batches
 * through the record type's writer; answers the failed rows (in all-or-nothing mode, after rolling
 * everything back). `isStopped` is asked before each row: a server shutting down interrupts the job.
 */
export async function importSheet(
  deps: LedgerDeps,
  writer: SheetWriter<unknown, unknown>,
  { ctx, id, job, progress }: RunningImport,
  isStopped: () => boolean,
): Promise<FailedRow[]> {
  const { db } = deps
  const sheet = RECORD_TYPES[job.record_type]
  const codes = await loadCodeRows(db)
  const grids = new Map<string, GridRef | null>()
  const failures: FailedRow[] = []
  const fail = (row: FailedRow) => {
    failures.push(row)
    progress.failed += 1
  }

  async function gridOf(ex: Executor, code: string) {
    if (!grids.has(code)) grids.set(code, await writableGrid(ex, ctx, code))
    return grids.get(code) ?? null
  }

  type Pending = { number: number; cells: string[]; record: unknown; grid: GridRef | null }
  type Prepared = { number: number; cells: string[]; prepared: unknown }
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
        if (isStopped()) throw interrupted()
        progress.read += 1
        if (progress.read > MAX_IMPORT_ROWS)
          throw new Problem(413, 'import.too_many_rows', `At most ${MAX_IMPORT_ROWS} rows`)
        const checked = row.checked
        if (!checked.ok) {
          fail({ number: row.number, cells: row.cells, errors: checked.errors })
          continue
        }
        // A record type without a grid column (memberships): its writer places and checks each row.
        const code = checked.record.gridCode
        const grid = code === undefined ? null : await gridOf(ex ?? db, code)
        if (code !== undefined && !grid) {
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
