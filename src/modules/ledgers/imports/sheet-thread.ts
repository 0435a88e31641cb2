import { Worker } from 'node:worker_threads'
import { Problem } from '../../../lib/problem'
import type { SheetRow } from './imports.sheet'
import { RECORD_TYPES, type RecordType } from './imports.types'

/** Rows per message from the reading thread, and messages it may send ahead of the reader. */
export const ROWS_PER_MESSAGE = 250
export const READ_AHEAD = 8

export type ToReader = 'ack'
export type FromReader =
  | { kind: 'rows'; numbers: number[]; cells: string[][] }
  | { kind: 'end' }
  | { kind: 'problem'; status: number; code: string; message: string }
  | { kind: 'failed'; message: string }

const ENTRY = new URL('./sheet-worker.mjs', import.meta.url)

/**
 * The rows of an uploaded sheet, as `readSheet` answers them, parsed in a thread of their own: the
 * server's thread stays free for requests and does the checking, sealing and writing meanwhile.
 * Breaking out of the loop stops the thread.
 */
export async function* readSheetOffThread(bytes: Uint8Array, type: RecordType): AsyncGenerator<SheetRow> {
  const { type: name, zh, en, version, fields, textColumns, example } = RECORD_TYPES[type]
  const layout = { type: name, zh, en, version, fields, textColumns, example }
  const keys = fields.map((f) => f.key)
  const worker = new Worker(ENTRY, { workerData: { bytes, sheet: layout } })
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
      for (let i = 0; i < message.numbers.length; i++) {
        const cells = message.cells[i] as string[]
        const values: Record<string, string> = {}
        keys.forEach((key, k) => {
          const v = cells[k] ?? ''
          if (v !== '') values[key] = v
        })
        yield { number: message.numbers[i] as number, values, cells }
      }
      worker.postMessage('ack' satisfies ToReader)
    }
  } finally {
    await worker.terminate()
  }
}
