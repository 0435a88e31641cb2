import { parentPort, workerData } from 'node:worker_threads'
import { Problem } from '../../../lib/problem'
import { readSheet } from './imports.sheet'
import type { RecordTypeSheet } from './imports.types'
import { type FromReader, READ_AHEAD, ROWS_PER_MESSAGE, type ToReader } from './sheet-thread'

/**
 * The reading thread: parses the sheet (exceljs's streaming reader, the import's heaviest step) and
 * posts its rows in messages of ROWS_PER_MESSAGE, at most READ_AHEAD unacknowledged, so the server's
 * thread checks, seals and writes one batch while this one parses the next, and memory stays flat.
 */
const port = parentPort
if (!port) throw new Error('sheet-worker runs as a worker thread')
// The sheet's layout comes as data (its check stays with the server's thread): this thread loads little.
const { bytes, sheet } = workerData as { bytes: Uint8Array; sheet: RecordTypeSheet<unknown> }

let unacknowledged = 0
let wake: (() => void) | null = null
port.on('message', (message: ToReader) => {
  if (message === 'ack') unacknowledged -= 1
  wake?.()
  wake = null
})
const post = (message: FromReader) => port.postMessage(message)

async function send(numbers: number[], cells: string[][]) {
  while (unacknowledged >= READ_AHEAD) await new Promise<void>((resolve) => (wake = resolve))
  unacknowledged += 1
  post({ kind: 'rows', numbers, cells })
}

try {
  let numbers: number[] = []
  let cells: string[][] = []
  for await (const row of readSheet(bytes, sheet)) {
    numbers.push(row.number)
    cells.push(row.cells)
    if (numbers.length === ROWS_PER_MESSAGE) {
      await send(numbers, cells)
      numbers = []
      cells = []
    }
  }
  if (numbers.length) await send(numbers, cells)
  post({ kind: 'end' })
} catch (error) {
  post(
    error instanceof Problem
      ? { kind: 'problem', status: error.status, code: error.code, message: error.message }
      : { kind: 'failed', message: error instanceof Error ? error.message : String(error) },
  )
}
port.close()
