import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'

/**
 * exceljs 4.4's streaming reader decodes each zip chunk as UTF-8 on its own (utils/parse-sax.js), so a
 * Chinese character cut by a chunk boundary comes out as two U+FFFD (已婚 → 已��): about one row in
 * 2,000 of a Chinese sheet. The worksheet and shared-strings readers are given text decoded across
 * chunks instead (parse-sax passes strings through). Applied once, on import of this module.
 */
async function* decodeAcrossChunks(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8')
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true })
    if (text) yield text
  }
  const rest = decoder.decode()
  if (rest) yield rest
}

type Parse = (this: { iterator: AsyncIterable<unknown> }) => AsyncGenerator<unknown>
type ParseStrings = (this: unknown, entry: NodeJS.ReadableStream) => AsyncGenerator<unknown>

const streamXlsx = ExcelJS.stream.xlsx as unknown as {
  WorkbookReader: { prototype: { _parseSharedStrings: ParseStrings; __utf8?: boolean } }
  WorksheetReader?: { prototype: { parse: Parse } }
}
// The worksheet reader is not exported by name: it is reached through exceljs's own module.
const WorksheetReader = (await import('exceljs/lib/stream/xlsx/worksheet-reader.js' as string)).default as {
  prototype: { parse: Parse }
}

const book = streamXlsx.WorkbookReader.prototype
if (!book.__utf8) {
  book.__utf8 = true
  const sharedStrings = book._parseSharedStrings
  book._parseSharedStrings = function (entry) {
    return sharedStrings.call(this, Readable.from(decodeAcrossChunks(entry as AsyncIterable<unknown>)))
  }
  const parse = WorksheetReader.prototype.parse
  WorksheetReader.prototype.parse = function () {
    this.iterator = decodeAcrossChunks(this.iterator)
    return parse.call(this)
  }
}
