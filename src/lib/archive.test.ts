import { strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { declareSize } from '../../test/support/zip-bombs'
import { type ArchiveLimits, type ArchiveMeter, INFLATE_STEP, openArchive } from './archive'
import { Problem } from './problem'

const LIMITS: ArchiveLimits = { maxEntries: 10, maxEntryBytes: 4 << 20, maxTotalBytes: 6 << 20 }
/** The most one inflate step can produce: deflate's best ratio is 1032:1. */
const ONE_STEP = INFLATE_STEP * 1032

function refusal(fn: () => unknown): Problem {
  try {
    fn()
  } catch (error) {
    if (error instanceof Problem) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('the archive reader', () => {
  it('unpacks only the entries asked for', () => {
    const zip = zipSync({ 'a.txt': strToU8('hello'), 'b.bin': new Uint8Array(1 << 20) })
    const meter: ArchiveMeter = { inflated: 0 }
    const archive = openArchive(zip, LIMITS, meter)
    expect(archive.entries.map((e) => [e.name, e.size])).toEqual([
      ['a.txt', 5],
      ['b.bin', 1 << 20],
    ])
    const a = archive.entries.find((e) => e.name === 'a.txt')
    expect(new TextDecoder().decode(a && archive.read(a))).toBe('hello')
    expect(meter.inflated).toBe(5)
  })

  it('refuses too many entries, and declared sizes over the caps, before inflating anything', () => {
    const meter: ArchiveMeter = { inflated: 0 }
    const many = zipSync(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`${i}`, strToU8('x')])))
    expect(refusal(() => openArchive(many, LIMITS, meter))).toMatchObject({
      status: 413,
      code: 'import.archive_too_large',
    })
    // 5 MiB of zeros is 5 KiB zipped: small to send, large to unpack.
    const big = zipSync({ 'big.bin': new Uint8Array(5 << 20) }, { level: 9 })
    expect(big.length).toBeLessThan(10_000)
    expect(refusal(() => openArchive(big, LIMITS, meter)).title).toMatch(
      /big\.bin unpacks to 5 MiB; at most 4 MiB/,
    )
    const together = zipSync({ a: new Uint8Array(3 << 20), b: new Uint8Array(4 << 20) })
    expect(refusal(() => openArchive(together, LIMITS, meter)).title).toMatch(/more than 6 MiB/)
    expect(meter.inflated).toBe(0)
  })

  it('stops inflating an entry that unpacks to more than it declares', () => {
    // 16 MiB of zeros declared as 1,000 bytes: a reader trusting the header would unpack it all.
    const liar = declareSize(
      zipSync({ 'sheet.xml': new Uint8Array(16 << 20) }, { level: 9 }),
      'sheet.xml',
      1000,
    )
    const meter: ArchiveMeter = { inflated: 0 }
    const archive = openArchive(liar, { ...LIMITS, maxEntryBytes: 32 << 20, maxTotalBytes: 32 << 20 }, meter)
    const entry = archive.entries[0]
    expect(entry?.size).toBe(1000)
    const problem = refusal(() => entry && archive.read(entry))
    expect(problem).toMatchObject({ status: 400, code: 'import.archive_unreadable' })
    expect(problem.title).toMatch(/more than it declares/)
    expect(meter.inflated).toBeLessThanOrEqual(1000 + ONE_STEP)
  })

  it('hands an entry over in pieces, inflated as they are taken, under the same guards', () => {
    const text = strToU8('第1行；'.repeat(200_000))
    const archive = openArchive(zipSync({ 'sheet.xml': text }, { level: 9 }), LIMITS)
    const entry = archive.entries[0]
    const pieces = entry ? [...archive.chunks(entry)] : []
    expect(pieces.length).toBeGreaterThan(1)
    expect(Buffer.concat(pieces).equals(Buffer.from(text))).toBe(true)
    const liar = declareSize(
      zipSync({ 'sheet.xml': new Uint8Array(16 << 20) }, { level: 9 }),
      'sheet.xml',
      1000,
    )
    const meter: ArchiveMeter = { inflated: 0 }
    const lying = openArchive(liar, { ...LIMITS, maxEntryBytes: 32 << 20, maxTotalBytes: 32 << 20 }, meter)
    const lazy = lying.entries[0] ? lying.chunks(lying.entries[0]) : null
    expect(meter.inflated).toBe(0)
    expect(refusal(() => lazy && [...lazy]).title).toMatch(/more than it declares/)
    expect(meter.inflated).toBeLessThanOrEqual(1000 + ONE_STEP)
  })

  it('answers damaged or foreign bytes with its own words, never the inflater’s', () => {
    for (const bytes of [strToU8('not a zip at all, just text'), new Uint8Array(0)]) {
      expect(refusal(() => openArchive(bytes, LIMITS))).toMatchObject({
        status: 400,
        code: 'import.archive_unreadable',
        title: 'The file is not a zip archive',
      })
    }
    const zip = Buffer.from(zipSync({ 'a.txt': strToU8('hello hello hello hello hello') }, { level: 9 }))
    zip[30 + 'a.txt'.length] = 0xff // the first byte of the deflate stream: an invalid block type
    const archive = openArchive(zip, LIMITS)
    const entry = archive.entries[0]
    expect(refusal(() => entry && archive.read(entry))).toMatchObject({
      code: 'import.archive_unreadable',
      title: 'An entry of the archive is damaged',
    })
  })
})
