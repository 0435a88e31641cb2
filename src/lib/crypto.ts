import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * Personal data at rest (reporters' contacts …): AES-256-GCM with a random 12-byte IV per value,
 * stored as `v1.<iv>.<tag>.<ciphertext>` (base64url). The version prefix leaves room for a key
 * rotation later; the tag makes any change to a stored value, or a wrong key, an error.
 */
const VERSION = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16
export const DATA_KEY_BYTES = 32

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

export function dataCipher(key: Buffer): DataCipher {
  if (key.length !== DATA_KEY_BYTES) throw new Error(`a data key has ${DATA_KEY_BYTES} bytes`)
  return {
    encrypt(text) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
      const tag = cipher.getAuthTag()
      return [VERSION, iv, tag, body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.')
    },
    decrypt(stored) {
      const [version, iv, tag, body, ...rest] = stored.split('.')
      if (version !== VERSION || iv === undefined || tag === undefined || body === undefined || rest.length)
        throw new DecryptError('not an encrypted value')
      const ivBytes = Buffer.from(iv, 'base64url')
      const tagBytes = Buffer.from(tag, 'base64url')
      if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES)
        throw new DecryptError('not an encrypted value')
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES })
        decipher.setAuthTag(tagBytes)
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        )
      } catch {
        throw new DecryptError('the value cannot be decrypted: altered, or written with another key')
      }
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
