import { Inflate } from 'fflate'
import { badRequest, Problem } from './problem'

/**
 * The one zip reader of the product (Shapefile zips, .xlsx workbooks, later imports). A zip can be
 * small and unpack to gigabytes, and its headers can lie about sizes, so it is read in three guarded
 * steps: the central directory's entry count and declared sizes are checked before anything is
 * inflated; only the entries a caller asks for are inflated; and each is inflated in small input
 * steps that stop the moment the output passes what the entry declared or the caps allow.
 */
export interface ArchiveLimits {
  /** Entries the central directory may list (folders included). */
  maxEntries: number
  /** Unpacked bytes of any one entry, declared or actual. */
  maxEntryBytes: number
  /** Unpacked bytes of all entries together, as declared (what is read is held to its declared size). */
  maxTotalBytes: number
}

export interface ArchiveEntry {
  name: string
  /** The uncompressed size the central directory declares. */
  size: number
  compressedSize: number
  method: number
  localOffset: number
}

/** How much has been inflated so far: lets tests show that a bomb was stopped early. */
export interface ArchiveMeter {
  inflated: number
}

/** Compressed bytes handed to the inflater per step: one step unpacks to at most ~1 MiB (deflate's ratio is 1032:1). */
export const INFLATE_STEP = 1024

export const archiveTooLarge = (title: string) => new Problem(413, 'import.archive_too_large', title)
export const archiveUnreadable = (title: string) => badRequest('import.archive_unreadable', title)

const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

function endOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of up to 65,535.
  const stop = Math.max(0, view.byteLength - 22 - 0xffff)
  for (let at = view.byteLength - 22; at >= stop; at--) {
    if (view.getUint32(at, true) === EOCD) return at
  }
  throw archiveUnreadable('The file is not a zip archive')
}

function listEntries(bytes: Uint8Array, limits: ArchiveLimits): ArchiveEntry[] {
  if (bytes.byteLength < 22) throw archiveUnreadable('The file is not a zip archive')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const end = endOfCentralDirectory(view)
  const count = view.getUint16(end + 10, true)
  const offset = view.getUint32(end + 16, true)
  if (count === 0xffff || offset === 0xffffffff) throw archiveUnreadable('ZIP64 archives are not accepted')
  if (count > limits.maxEntries)
    throw archiveTooLarge(`The archive lists ${count} entries; at most ${limits.maxEntries} are accepted`)
  const names = new TextDecoder()
  const entries: ArchiveEntry[] = []
  let declared = 0
  let at = offset
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL)
      throw archiveUnreadable('The archive’s directory is damaged')
    const flags = view.getUint16(at + 8, true)
    const nameLength = view.getUint16(at + 28, true)
    const entry: ArchiveEntry = {
      name: names.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    }
    if (flags & 1) throw archiveUnreadable('Encrypted archives are not accepted')
    if (entry.size > limits.maxEntryBytes)
      throw archiveTooLarge(
        `${entry.name} unpacks to ${mib(entry.size)}; at most ${mib(limits.maxEntryBytes)} per entry`,
      )
    declared += entry.size
    if (declared > limits.maxTotalBytes)
      throw archiveTooLarge(`The archive unpacks to more than ${mib(limits.maxTotalBytes)}`)
    entries.push(entry)
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
  }
  return entries
}

/** Inflates `data` in small steps, answering each step's output; refuses as soon as it passes `allowed` bytes. */
function* inflateSteps(data: Uint8Array, allowed: number, tooMuch: () => Problem, meter: ArchiveMeter) {
  let parts: Uint8Array[] = []
  let length = 0
  let done = false
  const inflater = new Inflate((chunk, final) => {
    length += chunk.length
    meter.inflated += chunk.length
    if (length > allowed) throw tooMuch()
    parts.push(chunk)
    if (final) done = true
  })
  for (let at = 0; at < data.length && !done; at += INFLATE_STEP) {
    try {
      inflater.push(data.subarray(at, at + INFLATE_STEP), at + INFLATE_STEP >= data.length)
    } catch (error) {
      if (error instanceof Problem) throw error
      throw archiveUnreadable('An entry of the archive is damaged')
    }
    yield* parts
    parts = []
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0]
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

export interface Archive {
  /** Every entry the central directory lists, in its order. */
  entries: readonly ArchiveEntry[]
  /** The unpacked bytes of one entry, within the entry's declared size and the archive's caps. */
  read(entry: ArchiveEntry): Uint8Array
  /**
   * The same bytes in pieces, inflated only as they are taken (a worksheet of 200,000 rows is never
   * held whole), under the same guards: a refusal comes with the piece that breaks them.
   */
  chunks(entry: ArchiveEntry): Generator<Uint8Array, void, undefined>
}

/**
 * Opens a zip: checks its directory against `limits` (413 `import.archive_too_large`; anything damaged,
 * encrypted or not a zip is 400 `import.archive_unreadable`). Nothing is inflated until `read` or `chunks`.
 */
export function openArchive(bytes: Uint8Array, limits: ArchiveLimits, meter: ArchiveMeter = { inflated: 0 }) {
  const entries = listEntries(bytes, limits)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  function* chunks(entry: ArchiveEntry) {
    const header = entry.localOffset
    if (header + 30 > bytes.byteLength || view.getUint32(header, true) !== LOCAL)
      throw archiveUnreadable('The archive’s entries are damaged')
    const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true)
    if (start + entry.compressedSize > bytes.byteLength) throw archiveUnreadable('The archive is cut short')
    const data = bytes.subarray(start, start + entry.compressedSize)
    // Declared sizes are within the caps (each, and all together), so an entry held to its declared
    // size holds every cap; one inflating past it is lying, and is stopped there.
    const lying = () => archiveUnreadable(`${entry.name} unpacks to more than it declares`)
    let length = 0
    if (entry.method === 0) {
      if (data.length > entry.size) throw lying()
      meter.inflated += data.length
      length = data.length
      yield data
    } else if (entry.method === 8) {
      for (const part of inflateSteps(data, entry.size, lying, meter)) {
        length += part.length
        yield part
      }
    } else {
      throw archiveUnreadable(`${entry.name} uses a compression other than deflate`)
    }
    if (length !== entry.size) throw archiveUnreadable(`${entry.name} does not match its declared size`)
  }
  const read = (entry: ArchiveEntry): Uint8Array => concat([...chunks(entry)])
  return { entries, read, chunks } satisfies Archive
}
