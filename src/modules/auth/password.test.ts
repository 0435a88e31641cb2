import { describe, expect, it } from 'vitest'
import { hashPassword, passwordWeakness, verifyPassword } from './password'

describe('passwordWeakness', () => {
  const tooShort = 'at least 8 characters'
  const fewClasses = 'at least 3 of: lower case, upper case, digits, symbols'
  it.each<[string, string | null, string]>([
    ['Ab1#xyz', tooShort, '7 characters, even with every class'],
    ['', tooShort, 'empty'],
    ['abcdefgh12', fewClasses, '2 classes: lower case and digits'],
    ['ABCDEFGH#!', fewClasses, '2 classes: upper case and symbols'],
    ['abcdefgh', fewClasses, '1 class'],
    ['abcdefG1', null, '3 classes, exactly 8 characters'],
    ['网格员密码abc12', null, '3 classes, Chinese characters counting as symbols'],
    ['abcDEF12#$', null, '4 classes'],
    ['Aa1#'.repeat(64), null, 'exactly 256 characters'],
    [`${'Aa1#'.repeat(64)}x`, 'at most 256 characters', '257 characters'],
  ])('%j → %j (%s)', (password, expected, _why) => {
    expect(passwordWeakness(password)).toBe(expected)
  })
})

describe('hashPassword and verifyPassword', () => {
  it('verifies the password it hashed, and nothing else', async () => {
    const stored = await hashPassword('Grid#2026worker')
    expect(stored).toMatch(/^\$argon2id\$/)
    expect(stored).not.toContain('Grid#2026worker')
    expect(await verifyPassword(stored, 'Grid#2026worker')).toBe(true)
    expect(await verifyPassword(stored, 'grid#2026worker')).toBe(false)
    expect(await verifyPassword(stored, '')).toBe(false)
  })

  it('salts: the same password hashes differently each time', async () => {
    const [a, b] = await Promise.all([hashPassword('Same#pass1'), hashPassword('Same#pass1')])
    expect(a).not.toBe(b)
  })

  it.each([
    ['garbage', 'not-a-hash'],
    ['empty', ''],
    ['a truncated argon2 hash', '$argon2id$v=19$m=19456,t=2,p=1$abc'],
  ])('answers false (not an error) for a stored hash that is %s', async (_name, stored) => {
    expect(await verifyPassword(stored, 'Whatever#1')).toBe(false)
  })
})
