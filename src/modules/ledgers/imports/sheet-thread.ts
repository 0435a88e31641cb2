import { Worker } from 'node:worker_threads'
import { Problem } from '../../../lib/problem'
import type { CodeRow } from '../codes/codes.book'
import type { FieldError } from '../validate/fields'
import type { RecordType } from './imports.types'

/** Rows per message from the reading thread, and messages it may send ahead of the reader. */
export const ROWS_PER_MESSAGE = 250
export const READ_AHEAD = 8

/** A row of the sheet as read (its cells, for the error report) and as checked. */
export interface CheckedRow<R = unknown> {
  number: number
  cells: string[]
  checked: { ok: true; record: R } | { ok: false; errors: FieldError[] }
}

export type ToReader = 'ack'
export type FromReader =
  | { kind: 'rows'; rows: CheckedRow[] }
  | { kind: 'end' }
  | { kind: 'problem'; status: number; code: string; message: string }
  | { kind: 'failed'; message: string }

const ENTRY = new URL('./sheet-worker.mjs', import.meta.url)

/**
 * The rows of an uploaded sheet, read (`readSheet`) and checked (the record type's `check`, an empty
 * grid code taken from `defaultGrid`) in a thread of their own: the server's thread stays free for
 * requests, and seals and writes meanwhile. Breaking out of the loop stops the thread.
 */
export async function* checkSheetOffThread(
  bytes: Uint8Array,
  type: RecordType,
  opts: { codes: CodeRow[]; defaultGrid: string | null },
): AsyncGenerator<CheckedRow<{ gridCode?: string }>> {
  const worker = new Worker(ENTRY, { workerData: { bytes, type, ...opts } })
  const inbox: FromReader[] = []
  let wake: (() => void) | null = null
  let crashed: Error | null = null
  let exited = false
  const arrive = () => {
    wake?.()
    wake = null
  }
  worker.on('message', (message: FromReader) => {
    inbox.push(message)
    arrive()
  })
  worker.on('error', (error) => {
    crashed = error
    arrive()
  })
  worker.on('exit', () => {
    exited = true
    arrive()
  })
  try {
    for (;;) {
      const message = inbox.shift()
      if (!message) {
        if (crashed) throw crashed
        if (exited) throw new Error('the sheet reader stopped before the end of the sheet')
        await new Promise<void>((resolve) => (wake = resolve))
        continue
      }
      if (message.kind === 'end') return
      if (message.kind === 'problem') throw new Problem(message.status, message.code, message.message)
      if (message.kind === 'failed') throw new Error(`the sheet could not be read: ${message.message}`)
      yield* message.rows as CheckedRow<{ gridCode?: string }>[]
      worker.postMessage('ack' satisfies ToReader)
      // Let the database's answers in between messages: rows already here would otherwise be taken
      // one after another as microtasks, and a write waiting on its answer would wait for them all.
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
  } finally {
    await worker.terminate()
  }
}
