import { describe, expect, it } from 'vitest'
import { DecryptError, newDataKey } from './crypto'
import { fieldCipher, keyIdOf } from './field-crypto'

const key = () => Buffer.from(newDataKey(), 'base64')
const place = { table: 'people', column: 'id_number', rowId: '0193-a' }

describe('sealed fields', () => {
  it.each(['aes-256-gcm', 'sm4-gcm'] as const)('opens what %s sealed, only in its own place', (alg) => {
    const cipher = fieldCipher(key(), [], alg)
    const sealed = cipher.seal('11010519491231002X', place)
    expect(sealed).not.toContain('11010519491231002X')
    expect(sealed.split('.').slice(0, 3)).toEqual(['f1', alg === 'sm4-gcm' ? 's' : 'a', cipher.currentKeyId])
    expect(cipher.open(sealed, place)).toBe('11010519491231002X')
    expect(() => cipher.open(sealed, { ...place, rowId: '0193-b' })).toThrow(DecryptError)
    expect(() => cipher.open(sealed, { ...place, column: 'phone' })).toThrow(DecryptError)
    const altered = `${sealed.slice(0, -2)}${sealed.endsWith('AA') ? 'AB' : 'AA'}`
    expect(() => cipher.open(altered, place)).toThrow(DecryptError)
  })

  it('seals under the new key after a rotation and still opens what the old key sealed', () => {
    const [oldKey, newKey] = [key(), key()]
    const before = fieldCipher(oldKey)
    const oldValue = before.seal('13812345678', place)
    const after = fieldCipher(newKey, [oldKey])
    expect(after.currentKeyId).toBe(keyIdOf(newKey))
    expect(after.keyIdOfValue(oldValue)).toBe(keyIdOf(oldKey))
    expect(after.open(oldValue, place)).toBe('13812345678')
    expect(after.keyIdOfValue(after.seal('13812345678', place))).toBe(keyIdOf(newKey))
    expect(() => fieldCipher(newKey).open(oldValue, place)).toThrow(/does not hold/)
  })

  it('finds a value by its blind index under every key of the ring, per column', () => {
    const [oldKey, newKey] = [key(), key()]
    const ring = fieldCipher(newKey, [oldKey])
    const indexes = ring.blindIndexes('people.id_number', '11010519491231002X')
    expect(indexes).toEqual([
      ring.blindIndex('people.id_number', '11010519491231002X'),
      fieldCipher(oldKey).blindIndex('people.id_number', '11010519491231002X'),
    ])
    expect(ring.blindIndex('people.phone', '11010519491231002X')).not.toBe(indexes[0])
    expect(indexes[0]).toMatch(/^[\w-]{22}$/)
  })

  it('refuses text that is not a sealed field', () => {
    expect(() => fieldCipher(key()).open('13812345678', place)).toThrow(DecryptError)
    expect(fieldCipher(key()).keyIdOfValue('v1.a.b.c')).toBeNull()
  })
})
