import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gunzipSync, gzipSync } from 'node:zlib'
import { z } from 'zod'
import { aeadOf, DATA_CIPHERS, type DataCipherName } from '../../lib/crypto'

/**
 * A backup is a directory: `manifest.json` and its parts, `db/<table>.<n>` (rows as the database
 * writes them, one JSON string a line) and `files/<sha256>` (attachments), each gzip-compressed and,
 * with a backup key, encrypted (12-byte IV ‖ ciphertext ‖ 16-byte tag, the part's name authenticated
 * with it). The manifest lists every part's SHA-256, so a damaged or truncated part is found before
 * anything is restored.
 */
export const BACKUP_FORMAT = 'wangge-backup'
export const BACKUP_FORMAT_VERSION = 1
export const PRODUCT = 'wangge'
export const MANIFEST = 'manifest.json'

/** Why a backup cannot be made or restored, in one line for the operator. */
export class BackupError extends Error {}

/** Where an attachment lives under the attachments directory: `ab/cd/abcd…` (its SHA-256). */
export const STORED_FILE = /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/

const PartSchema = z
  .object({
    name: z.string().regex(/^(db\/[a-z0-9_]+\.\d+|files\/[0-9a-f]{64})$/),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    bytes: z.number().int().min(0),
    /** Bytes once decompressed: bounds what a part may expand to. Absent in older backups. */
    plainBytes: z.number().int().min(0).optional(),
    /** db parts: the table and its rows in this part; files: the path under the attachments directory. */
    table: z.string().optional(),
    rows: z.number().int().optional(),
    path: z.string().regex(STORED_FILE).optional(),
  })
  // A file part goes back only to the path its own name (the content's hash) gives.
  .refine((part) => part.path === undefined || part.path === storedPathOf(part.name))

/** `files/<sha256>` → `ab/cd/<sha256>`, the layout of the attachments directory. */
export function storedPathOf(partName: string): string | null {
  const hash = /^files\/([0-9a-f]{64})$/.exec(partName)?.[1]
  return hash ? `${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}` : null
}

export const ManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int(),
  product: z.object({ name: z.string(), version: z.string() }),
  createdAt: z.string(),
  driver: z.enum(['pglite', 'postgres']),
  /** Migrations applied to the backed-up database: how many, and the last one's tag. */
  migrations: z.object({ count: z.number().int().min(0), last: z.string().nullable() }),
  encryption: z
    .object({
      algorithm: z.enum(DATA_CIPHERS),
      /** A known text sealed under the key: tells a wrong key apart from a damaged part. */
      keyCheck: z.string(),
      /** HMAC-SHA256 (under a key derived from the backup key) of the manifest without this field. */
      manifestMac: z.string(),
    })
    .nullable(),
  tables: z.record(z.string(), z.object({ rows: z.number().int().min(0), columns: z.array(z.string()) })),
  sequences: z.record(z.string(), z.object({ value: z.string(), isCalled: z.boolean() })),
  parts: z.array(PartSchema),
})
export type Manifest = z.infer<typeof ManifestSchema>
export type ManifestPart = Manifest['parts'][number]

export const productVersion: string = (
  JSON.parse(readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')) as {
    version: string
  }
).version

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

const KEY_CHECK_TEXT = Buffer.from('wangge backup key check')

/** Deflate cannot compress more than about 1032:1. */
const DEFLATE_MAX_RATIO = 1032

/** How parts are sealed: compressed, then encrypted when the backup has a key. */
export interface PartCodec {
  encryption: { algorithm: DataCipherName; key: Buffer } | null
  encode(name: string, plain: Buffer): Buffer
  /**
   * Throws BackupError when the part cannot be decrypted or decompressed, or would expand beyond
   * `plainBytes` (or, when a backup does not say, deflate's largest ratio).
   */
  decode(name: string, stored: Buffer, plainBytes?: number): Buffer
}

export function partCodec(encryption: { algorithm: DataCipherName; key: Buffer } | null): PartCodec {
  const aead = encryption ? aeadOf(encryption.algorithm, encryption.key) : null
  return {
    encryption,
    encode(name, plain) {
      const packed = gzipSync(plain)
      if (!aead) return packed
      const iv = randomBytes(12)
      const { body, tag } = aead.seal(iv, packed, Buffer.from(name))
      return Buffer.concat([iv, body, tag])
    },
    decode(name, stored, plainBytes) {
      const limit = plainBytes ?? stored.length * DEFLATE_MAX_RATIO + 1024
      try {
        const packed = aead
          ? aead.open(
              stored.subarray(0, 12),
              stored.subarray(12, -16),
              stored.subarray(-16),
              Buffer.from(name),
            )
          : stored
        const plain = gunzipSync(packed, { maxOutputLength: Math.max(1, limit) })
        if (plainBytes !== undefined && plain.length !== plainBytes) throw new Error('size')
        return plain
      } catch {
        throw new BackupError(`the backup's part ${name} cannot be read: damaged, or another key`)
      }
    },
  }
}

function macKey(key: Buffer): Buffer {
  return createHmac('sha256', key).update('wangge backup manifest').digest()
}

/** JSON with object keys sorted, so the MAC does not depend on the order a parser keeps. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`
  return JSON.stringify(value)
}

function manifestMac(key: Buffer, manifest: Manifest): string {
  const { encryption: _encryption, ...rest } = manifest
  return createHmac('sha256', macKey(key)).update(canonical(rest)).digest('base64')
}

/** The manifest's encryption field for a key: a key check and the manifest's MAC. */
export function sealManifest(manifest: Manifest, encryption: PartCodec['encryption']): Manifest {
  if (!encryption) return { ...manifest, encryption: null }
  const iv = randomBytes(12)
  const { body, tag } = aeadOf(encryption.algorithm, encryption.key).seal(iv, KEY_CHECK_TEXT)
  return {
    ...manifest,
    encryption: {
      algorithm: encryption.algorithm,
      keyCheck: Buffer.concat([iv, body, tag]).toString('base64'),
      manifestMac: manifestMac(encryption.key, manifest),
    },
  }
}

/**
 * Checks the key against the manifest; throws BackupError naming what is wrong. Given a key, a
 * backup that says it is not encrypted is refused unless `allowUnencrypted`: anyone can write a
 * plain backup, so it would otherwise pass for the operator's own.
 */
export function checkKey(
  manifest: Manifest,
  key: Buffer | null,
  options: { allowUnencrypted?: boolean } = {},
): PartCodec {
  const encryption = manifest.encryption
  if (!encryption) {
    if (key && !options.allowUnencrypted)
      throw new BackupError(
        'the backup is not encrypted, yet a key was given: it may not be yours; restore it only with --allow-unencrypted',
      )
    return partCodec(null)
  }
  if (!key) throw new BackupError('the backup is encrypted: give its key (--key-file F or WANGGE_BACKUP_KEY)')
  const check = Buffer.from(encryption.keyCheck, 'base64')
  try {
    const text = aeadOf(encryption.algorithm, key).open(
      check.subarray(0, 12),
      check.subarray(12, -16),
      check.subarray(-16),
    )
    if (!text.equals(KEY_CHECK_TEXT)) throw new Error('key check text')
  } catch {
    throw new BackupError('wrong key: this is not the key the backup was encrypted with')
  }
  const mac = Buffer.from(manifestMac(key, { ...manifest, encryption: null }), 'base64')
  const given = Buffer.from(encryption.manifestMac, 'base64')
  if (mac.length !== given.length || !timingSafeEqual(mac, given))
    throw new BackupError('the backup manifest was altered (its MAC does not match)')
  return partCodec({ algorithm: encryption.algorithm, key })
}
