import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../../db/database'
import type { DataCipher } from '../../lib/crypto'
import type { FieldCipher } from '../../lib/field-crypto'
import { uuidv7 } from '../../lib/ids'
import { safeMessage } from '../../lib/safe-error'
import { LEGACY_TABLES, SEALED_TABLES, type SealedTable } from './datakeys.columns'
import { dataKeysRepo, type RotationRow } from './datakeys.repo'

const PAGE = 500
const STOPPED = new Error('stopped with the server')

/**
 * The re-encryption job after a key rotation: every sealed value not under the current key is opened
 * with its own key and sealed again under the current one (blind indexes recomputed), page by page,
 * its progress saved after each page, so a job cut short (a restart) resumes where it stopped. Values
 * of the older short format, which do not name their key, are all re-encrypted once. One job at a
 * time; a write made by the product meanwhile is never overwritten (each row is replaced only if it
 * still holds what was read).
 */
export function createRotationJob(
  db: Db,
  ciphers: { fields: FieldCipher; legacy: DataCipher },
  log: FastifyBaseLogger,
) {
  const { fields, legacy } = ciphers
  let running: Promise<void> | null = null
  let stopping = false

  function resealed(t: SealedTable, row: Record<string, string | null>) {
    const rowKey = row.row_key as string
    const after: Record<string, string | null> = {}
    for (const column of t.columns) {
      const value = row[column]
      if (value == null || fields.keyIdOfValue(value) === fields.currentKeyId) continue
      const place = { table: t.table, column, rowId: rowKey }
      const plain = fields.open(value, place)
      after[column] = fields.seal(plain, place)
      for (const index of t.indexes ?? [])
        if (index.from === column) after[index.column] = fields.blindIndex(index.name, plain)
    }
    return after
  }

  function reencrypted(t: SealedTable, row: Record<string, string | null>) {
    const after: Record<string, string | null> = {}
    for (const column of t.columns) {
      const value = row[column]
      if (value != null) after[column] = legacy.encrypt(legacy.decrypt(value))
    }
    return after
  }

  async function moveTable(rotation: RotationRow, t: SealedTable, isLegacy: boolean) {
    const progress = rotation.progress
    for (;;) {
      if (stopping) throw STOPPED
      const done = progress[t.table] ?? { after: '', done: 0 }
      const rows = await dataKeysRepo.page(
        db,
        t,
        done.after || undefined,
        isLegacy ? null : fields.currentKeyId,
        PAGE,
      )
      if (rows.length === 0) return
      let moved = 0
      await db.transaction(async (tx) => {
        for (const row of rows) {
          const after = isLegacy ? reencrypted(t, row) : resealed(t, row)
          if (
            Object.keys(after).length &&
            (await dataKeysRepo.replace(tx, t, row.row_key as string, row, after))
          )
            moved += 1
        }
        progress[t.table] = { after: rows.at(-1)?.row_key as string, done: done.done + moved }
        rotation.rows_done += moved
        await dataKeysRepo.saveProgress(tx, rotation.id, progress, rotation.rows_done)
      })
    }
  }

  async function run(rotation: RotationRow) {
    try {
      for (const t of SEALED_TABLES) await moveTable(rotation, t, false)
      for (const t of LEGACY_TABLES) await moveTable(rotation, t, true)
      await dataKeysRepo.finish(db, rotation.id, null)
      log.info({ rotation: rotation.id, rows: rotation.rows_done }, 'data-key rotation done')
    } catch (error) {
      // Stopped with the server: left running, it resumes from its progress at the next start.
      if (error === STOPPED) return
      const failure = safeMessage(error)
      log.error({ rotation: rotation.id, failure }, 'data-key rotation failed')
      await dataKeysRepo.finish(db, rotation.id, failure)
    }
  }

  function launch(rotation: RotationRow) {
    running = run(rotation).finally(() => {
      running = null
    })
  }

  return {
    get busy() {
      return running !== null
    },

    /** Starts a job towards the current key; null when one is running already. */
    async start(startedBy: string): Promise<string | null> {
      if (running) return null
      const id = uuidv7()
      await dataKeysRepo.insertRotation(db, { id, targetKeyId: fields.currentKeyId, startedBy })
      const rotation = await dataKeysRepo.latest(db)
      if (!rotation || rotation.id !== id) throw new Error('the rotation just written is missing')
      launch(rotation)
      return id
    },

    /** At start-up: a job left running by a stopped server carries on from its saved progress. */
    async resume() {
      const rotation = await dataKeysRepo.latest(db)
      if (rotation?.status === 'running' && !running) launch(rotation)
    },

    /** Resolves when no job runs (tests). */
    idle: () => running ?? Promise.resolve(),

    /** Stops after the page in hand (a server stopping); the job resumes at the next start. */
    async stop() {
      stopping = true
      await (running ?? Promise.resolve())
    },
  }
}

export type RotationJob = ReturnType<typeof createRotationJob>

declare module 'fastify' {
  interface FastifyInstance {
    /** The re-encryption job: the server resumes one left running at its start. */
    dataKeyRotation: RotationJob
  }
}
