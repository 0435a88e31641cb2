import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { sm4 } from 'sm-crypto-v2'
import { randomPool } from './random-pool'

/**
 * Personal data at rest (reporters' contacts …), encrypted per value with a random 12-byte IV and a
 * 16-byte authentication tag, stored as `<alg>.<iv>.<tag>.<ciphertext>` (base64url). The prefix names
 * the algorithm, so values written under either setting live side by side and stay readable after
 * WANGGE_DATA_CIPHER changes; the tag makes any change to a stored value, or a wrong key, an error.
 *   v1  AES-256-GCM under the 32-byte data key.
 *   s1  SM4-GCM (GB/T 32907 block cipher, RFC 8998 mode) under a 16-byte key derived from the data key
 *       with HKDF-SM3 (Node has no SM4-GCM; sm-crypto-v2 provides it; see docs/architecture.md).
 */
const IV_BYTES = 12
/** A fresh random IV for each value sealed (drawn from a pool: see randomPool). */
export const freshIv = randomPool(IV_BYTES)
const TAG_BYTES = 16
export const DATA_KEY_BYTES = 32

export const DATA_CIPHERS = ['aes-256-gcm', 'sm4-gcm'] as const
export type DataCipherName = (typeof DATA_CIPHERS)[number]

const PREFIX: Record<DataCipherName, string> = { 'aes-256-gcm': 'v1', 'sm4-gcm': 's1' }

export class DecryptError extends Error {}

/** A key given as base64 (standard or url-safe) of 32 bytes, or null when it is not one. */
export function parseDataKey(text: string): Buffer | null {
  const trimmed = text.trim()
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return null
  const key = Buffer.from(trimmed, 'base64')
  return key.length === DATA_KEY_BYTES ? key : null
}

/** A new random key, as WANGGE_DATA_KEY and the key file hold it. */
export function newDataKey(): string {
  return randomBytes(DATA_KEY_BYTES).toString('base64')
}

export interface DataCipher {
  encrypt(text: string): string
  /** Throws DecryptError when the value was altered, is not ours, or was written with another key. */
  decrypt(stored: string): string
}

/** An authenticated cipher with a 12-byte IV and a 16-byte tag; `aad` is authenticated, not encrypted. */
export interface Aead {
  seal(iv: Buffer, plain: Buffer, aad?: Buffer): { body: Buffer; tag: Buffer }
  /** Throws when the tag does not match. */
  open(iv: Buffer, body: Buffer, tag: Buffer, aad?: Buffer): Buffer
}

function aes256gcm(key: Buffer): Aead {
  return {
    seal(iv, plain, aad) {
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      if (aad) cipher.setAAD(aad)
      const body = Buffer.concat([cipher.update(plain), cipher.final()])
      return { body, tag: cipher.getAuthTag() }
    },
    open(iv, body, tag, aad) {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
      if (aad) decipher.setAAD(aad)
      decipher.setAuthTag(tag)
      return Buffer.concat([decipher.update(body), decipher.final()])
    },
  }
}

/** The SM4 key of a data key: HKDF-SM3, so one configured key serves both algorithms. */
export function sm4KeyOf(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sm3', dataKey, Buffer.alloc(0), 'wangge sm4-gcm data key', 16))
}

function sm4gcm(key: Buffer): Aead {
  return {
    seal(iv, plain, aad) {
      const { output, tag } = sm4.encrypt(plain, key, {
        mode: 'gcm',
        iv,
        associatedData: aad,
        output: 'array',
        outputTag: true,
      })
      return { body: Buffer.from(output), tag: Buffer.from(tag ?? []) }
    },
    open(iv, body, tag, aad) {
      return Buffer.from(
        sm4.decrypt(body, key, { mode: 'gcm', iv, tag, associatedData: aad, output: 'array' }),
      )
    },
  }
}

/** AES-256-GCM, or SM4-GCM under the SM4 key derived from it, for a 32-byte key. */
export function aeadOf(algorithm: DataCipherName, key: Buffer): Aead {
  if (key.length !== DATA_KEY_BYTES) throw new Error(`a key has ${DATA_KEY_BYTES} bytes`)
  return algorithm === 'sm4-gcm' ? sm4gcm(sm4KeyOf(key)) : aes256gcm(key)
}

/**
 * Encrypts with `algorithm` (WANGGE_DATA_CIPHER); decrypts a value written under either algorithm.
 * The key is the 32-byte data key in both cases.
 */
export function dataCipher(
  key: Buffer,
  algorithm: DataCipherName = 'aes-256-gcm',
  retired: readonly Buffer[] = [],
): DataCipher {
  if (key.length !== DATA_KEY_BYTES) throw new Error(`a data key has ${DATA_KEY_BYTES} bytes`)
  const aeadsOf = (k: Buffer): Record<string, Aead> => ({
    v1: aeadOf('aes-256-gcm', k),
    s1: aeadOf('sm4-gcm', k),
  })
  const aeads = aeadsOf(key)
  // A value of these short formats does not name its key: after a rotation the retired keys are tried in turn.
  const older = retired.map(aeadsOf)
  const prefix = PREFIX[algorithm]
  const writer = aeads[prefix] as Aead
  return {
    encrypt(text) {
      const iv = freshIv()
      const { body, tag } = writer.seal(iv, Buffer.from(text, 'utf8'))
      return [prefix, ...[iv, tag, body].map((p) => p.toString('base64url'))].join('.')
    },
    decrypt(stored) {
      const [version, iv, tag, body, ...rest] = stored.split('.')
      const aead = version === undefined ? undefined : aeads[version]
      if (!aead || iv === undefined || tag === undefined || body === undefined || rest.length)
        throw new DecryptError('not an encrypted value')
      const ivBytes = Buffer.from(iv, 'base64url')
      const tagBytes = Buffer.from(tag, 'base64url')
      if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES)
        throw new DecryptError('not an encrypted value')
      for (const candidate of [aead, ...older.map((o) => o[version as string] as Aead)]) {
        try {
          return candidate.open(ivBytes, Buffer.from(body, 'base64url'), tagBytes).toString('utf8')
        } catch {
          // not this key: the next one
        }
      }
      throw new DecryptError('the value cannot be decrypted: altered, or written with another key')
    },
  }
}

/**
 * The embedded mode's key file: read it, or create it (mode 0600) on the first start. `created` is
 * true when this call wrote it, so the caller can say where it is and that it must be backed up.
 */
export function readOrCreateKeyFile(path: string): { key: Buffer; created: boolean } {
  let created = false
  try {
    mkdirSync(dirname(path), { recursive: true })
    const fd = openSync(path, 'wx', 0o600)
    try {
      writeSync(fd, `${newDataKey()}\n`)
    } finally {
      closeSync(fd)
    }
    created = true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const key = parseDataKey(readFileSync(path, 'utf8'))
  if (!key) throw new Error(`the data key file ${path} does not hold base64 of ${DATA_KEY_BYTES} bytes`)
  return { key, created }
}

/** 13812341234 → 138****1234; a number without an area code (87654321) → ****4321. */
export function maskPhone(phone: string): string {
  let digits = phone.replace(/\D/g, '')
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2)
  if (digits.length >= 10) return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`
  if (digits.length >= 5) return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`
  return '*'.repeat(digits.length)
}

/** Two-character surnames 复姓: 欧阳娜娜 → 欧阳**, not 欧***. */
const COMPOUND_SURNAMES = new Set(
  '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 司空 夏侯 轩辕 令狐 端木 独孤 南宫 西门 申屠 澹台 公冶 太史 闻人 呼延 赫连 钟离 万俟 百里 第五 梁丘 左丘 东郭 拓跋'.split(
    ' ',
  ),
)

/** 张三 → 张*, 欧阳娜娜 → 欧阳**; a Latin name keeps each word's initial (John Smith → J*** S****). */
export function maskName(name: string): string {
  const text = name.trim()
  const chars = [...text]
  if (chars.length === 0) return ''
  if (/^[\p{Script=Han}·]+$/u.test(text)) {
    if (chars.length === 1) return '*'
    const keep = chars.length > 2 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1
    return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep)
  }
  return text
    .split(/\s+/)
    .map((word) => {
      const [first = '', ...others] = [...word]
      return first + '*'.repeat(others.length)
    })
    .join(' ')
}

/** alice@example.cn → a****@example.cn */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  if (at <= 0) return '*'.repeat(email.length)
  const local = [...email.slice(0, at)]
  return `${local[0]}${'*'.repeat(Math.max(1, local.length - 1))}${email.slice(at)}`
}

/** Masks a value by what it looks like: an e-mail, a phone number, or a name. */
export function mask(text: string): string {
  if (text.includes('@')) return maskEmail(text)
  if (/^[\d\s+()-]+$/.test(text)) return maskPhone(text)
  return maskName(text)
}
