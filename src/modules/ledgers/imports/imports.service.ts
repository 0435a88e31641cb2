import type { Executor } from '../../../db/database'
import type { RequestContext } from '../../../lib/context'
import { uuidv7 } from '../../../lib/ids'
import { badRequest, forbidden, notFound, Problem } from '../../../lib/problem'
import { inTransaction } from '../../../lib/service'
import { recordAudit } from '../../audit/audit.service'
import { holdsAnywhere } from '../../auth/auth.policy'
import type { LedgerDeps } from '../ledgers.deps'
import { mayExportLedger } from '../ledgers.policy'
import { peopleStore } from '../people/people.store'
import { buildingsWriter } from './buildings.writer'
import { devicesWriter } from './devices.writer'
import { disputesWriter } from './disputes.writer'
import { type ImportMode, type ImportRow, importsRepo } from './imports.repo'
import { checkTemplate, errorWorkbook, guardWorkbook } from './imports.sheet'
import { importSheet, interrupted, MAX_IMPORT_ROWS, type Progress, writableGrid } from './imports.stream'
import { RECORD_TYPES, type RecordType } from './imports.types'
import type { SheetWriter } from './imports.writer'
import { membershipsWriter } from './memberships.writer'
import { organizationsWriter } from './organizations.writer'
import { peopleWriter } from './people.writer'
import { roomsWriter } from './rooms.writer'

export type { ImportMode } from './imports.repo'
export { MAX_IMPORT_ROWS } from './imports.stream'

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
    buildings: buildingsWriter(),
    rooms: roomsWriter(),
    disputes: disputesWriter(deps),
    memberships: membershipsWriter(deps),
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
      const failures = await importSheet(
        deps,
        writers[job.record_type],
        { ctx, id, job, progress },
        () => stopped,
      )
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

  return {
    /**
     * Importing needs ledger.export somewhere besides ledger.write, and special groups what registering
     * a member on the screen needs, ledger.special (asked before the upload is read).
     */
    assertMayImport(ctx: RequestContext, type?: string) {
      if (!holdsAnywhere(ctx.actor, 'ledger.export'))
        throw forbidden('auth.forbidden', 'You may not import ledgers', { permission: ['ledger.export'] })
      if (type === 'memberships' && !holdsAnywhere(ctx.actor, 'ledger.special'))
        throw forbidden('auth.forbidden', 'You may not import special groups', {
          permission: ['ledger.special'],
        })
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
      this.assertMayImport(ctx, input.type)
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
