import { parentPort, workerData } from 'node:worker_threads'
import { Problem } from '../../../lib/problem'
import { type CodeRow, codeBookOf } from '../codes/codes.book'
import { readSheet } from './imports.sheet'
import { RECORD_TYPES, type RecordType } from './imports.types'
import { type CheckedRow, type FromReader, READ_AHEAD, ROWS_PER_MESSAGE, type ToReader } from './sheet-thread'

/**
 * The reading thread: parses the sheet (exceljs's streaming reader, the import's heaviest step),
 * checks each row against the code tables, and posts the rows in messages of ROWS_PER_MESSAGE, at most
 * READ_AHEAD unacknowledged, so the server's thread seals and writes one batch while this one reads
 * the next, and memory stays flat.
 */
const port = parentPort
if (!port) throw new Error('sheet-worker runs as a worker thread')
const { bytes, type, codes, defaultGrid } = workerData as {
  bytes: Uint8Array
  type: RecordType
  codes: CodeRow[]
  defaultGrid: string | null
}
const sheet = RECORD_TYPES[type]
const book = codeBookOf(codes)
const check = sheet.check as (row: Record<string, unknown>, codes: typeof book) => CheckedRow['checked']

let unacknowledged = 0
let wake: (() => void) | null = null
port.on('message', (message: ToReader) => {
  if (message === 'ack') unacknowledged -= 1
  wake?.()
  wake = null
})
const post = (message: FromReader) => port.postMessage(message)

async function send(rows: CheckedRow[]) {
  while (unacknowledged >= READ_AHEAD) await new Promise<void>((resolve) => (wake = resolve))
  unacknowledged += 1
  post({ kind: 'rows', rows })
}

try {
  let rows: CheckedRow[] = []
  for await (const row of readSheet(bytes, sheet)) {
    const values: Record<string, unknown> = row.values
    if (!values.gridCode && defaultGrid) values.gridCode = defaultGrid
    rows.push({ number: row.number, cells: row.cells, checked: check(values, book) })
    if (rows.length === ROWS_PER_MESSAGE) {
      await send(rows)
      rows = []
    }
  }
  if (rows.length) await send(rows)
  post({ kind: 'end' })
} catch (error) {
  post(
    error instanceof Problem
      ? { kind: 'problem', status: error.status, code: error.code, message: error.message }
      : { kind: 'failed', message: error instanceof Error ? error.message : String(error) },
  )
}
port.close()
