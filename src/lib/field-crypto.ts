import { createHash, createHmac, hkdfSync } from 'node:crypto'
import { type Aead, aeadOf, DATA_KEY_BYTES, type DataCipherName, DecryptError, freshIv } from './crypto'

/**
 * Personal fields of the ledgers at rest: each value sealed under the current key, bound to where it
 * lives (table, column and row, as the AEAD's associated data, so a value copied to another row or
 * column fails to open), and stored as `f1.<alg>.<key id>.<iv>.<tag>.<ciphertext>`. The key id lets
 * keys rotate: the current key seals, every key of the ring opens, and the re-encryption job moves
 * old values to the current key. Blind indexes (a keyed HMAC per column over the normalised value)
 * give exact search without the plaintext.
 */
const FORMAT = 'f1'
const IV_BYTES = 12
const TAG_BYTES = 16
const ALG: Record<DataCipherName, string> = { 'aes-256-gcm': 'a', 'sm4-gcm': 's' }
const ALG_NAME: Record<string, DataCipherName> = { a: 'aes-256-gcm', s: 'sm4-gcm' }

/** Where a value lives: the associated data that binds its ciphertext there. */
export interface FieldPlace {
  table: string
  column: string
  rowId: string
}

/** A key's public name: 8 hex characters of a hash of it (it says which key, not what key). */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('wangge key id').update(key).digest('hex').slice(0, 8)
}

interface RingKey {
  id: string
  key: Buffer
  aeads: Partial<Record<DataCipherName, Aead>>
  indexKeys: Map<string, Buffer>
}

export interface FieldCipher {
  /** The id of the key that seals new values. */
  readonly currentKeyId: string
  /** The ids of every key that can open values: the current one first. */
  readonly keyIds: readonly string[]
  seal(plain: string, place: FieldPlace): string
  /** Throws DecryptError for an altered value, a value moved from its place, or an unknown key. */
  open(stored: string, place: FieldPlace): string
  /** The key id a stored value was sealed with, or null when it is not a sealed field. */
  keyIdOfValue(stored: string): string | null
  /** The blind index of a normalised value under the current key (what a write stores). */
  blindIndex(column: string, normalised: string): string
  /** Its blind index under every key of the ring (what a search looks for while keys rotate). */
  blindIndexes(column: string, normalised: string): string[]
}

/**
 * A cipher over a key ring: `current` seals with `algorithm`; `retired` keys (after a rotation) still
 * open what they sealed and still find what they indexed, until the re-encryption job is done.
 */
export function fieldCipher(
  current: Buffer,
  retired: readonly Buffer[] = [],
  algorithm: DataCipherName = 'aes-256-gcm',
): FieldCipher {
  const ring: RingKey[] = []
  for (const key of [current, ...retired]) {
    if (key.length !== DATA_KEY_BYTES) throw new Error(`a data key has ${DATA_KEY_BYTES} bytes`)
    const id = keyIdOf(key)
    if (!ring.some((k) => k.id === id)) ring.push({ id, key, aeads: {}, indexKeys: new Map() })
  }
  const byId = new Map(ring.map((k) => [k.id, k]))
  const head = ring[0] as RingKey
  // The hash of the blind index follows the cipher: HMAC-SM3 for a 商用密码 deployment.
  const hmacHash = algorithm === 'sm4-gcm' ? 'sm3' : 'sha256'

  const aead = (k: RingKey, alg: DataCipherName): Aead => {
    k.aeads[alg] ??= aeadOf(alg, k.key)
    return k.aeads[alg] as Aead
  }
  const aad = (p: FieldPlace) => Buffer.from(`${p.table}.${p.column}.${p.rowId}`, 'utf8')
  const indexKey = (k: RingKey, column: string): Buffer => {
    let derived = k.indexKeys.get(column)
    if (!derived) {
      derived = Buffer.from(hkdfSync('sha256', k.key, Buffer.alloc(0), `wangge blind index ${column}`, 32))
      k.indexKeys.set(column, derived)
    }
    return derived
  }
  const index = (k: RingKey, column: string, normalised: string) =>
    createHmac(hmacHash, indexKey(k, column))
      .update(normalised, 'utf8')
      .digest()
      .subarray(0, 16)
      .toString('base64url')

  return {
    currentKeyId: head.id,
    keyIds: ring.map((k) => k.id),
    seal(plain, place) {
      const iv = freshIv()
      const { body, tag } = aead(head, algorithm).seal(iv, Buffer.from(plain, 'utf8'), aad(place))
      const parts = [iv, tag, body].map((b) => b.toString('base64url'))
      return [FORMAT, ALG[algorithm], head.id, ...parts].join('.')
    },
    open(stored, place) {
      const [format, alg, keyId, iv, tag, body, ...rest] = stored.split('.')
      const name = alg === undefined ? undefined : ALG_NAME[alg]
      if (
        format !== FORMAT ||
        !name ||
        !keyId ||
        iv === undefined ||
        !tag ||
        body === undefined ||
        rest.length
      )
        throw new DecryptError('not a sealed field')
      const key = byId.get(keyId)
      if (!key) throw new DecryptError(`sealed with the key ${keyId}, which this server does not hold`)
      const ivBytes = Buffer.from(iv, 'base64url')
      const tagBytes = Buffer.from(tag, 'base64url')
      if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES)
        throw new DecryptError('not a sealed field')
      try {
        return aead(key, name)
          .open(ivBytes, Buffer.from(body, 'base64url'), tagBytes, aad(place))
          .toString('utf8')
      } catch {
        throw new DecryptError('the value cannot be opened: altered, or moved from its row or column')
      }
    },
    keyIdOfValue(stored) {
      const [format, , keyId] = stored.split('.', 3)
      return format === FORMAT && keyId ? keyId : null
    },
    blindIndex: (column, normalised) => index(head, column, normalised),
    blindIndexes: (column, normalised) => ring.map((k) => index(k, column, normalised)),
  }
}
