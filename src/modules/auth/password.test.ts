import { describe, expect, it } from 'vitest'
import { hashPassword, passwordWeakness, verifyPassword } from './password'

describe('passwordWeakness', () => {
  it.each<[string, string | null, string]>([
    ['Ab1#xyz', 'length', '7 characters, even with every class'],
    ['', 'length', 'empty'],
    ['abcdefgh12', 'classes', '2 classes: lower case and digits'],
    ['ABCDEFGH#!', 'classes', '2 classes: upper case and symbols'],
    ['abcdefgh', 'classes', '1 class'],
    ['Password1', 'guessable', 'a famous password with 3 classes'],
    ['Passw0rd!', 'guessable', 'the same with a substitution'],
    ['12345678Aa', 'guessable', 'a sequence and two letters'],
    ['Tulip#Harbor7', null, 'uncommon words, 4 classes'],
    ['网格员巡查密码abc12', null, 'Chinese characters counting as symbols'],
    [`Tulip#Harbor7 ${'x'.repeat(242)}`, null, 'exactly 256 characters'],
    [`${'Aa1#'.repeat(64)}x`, 'length', '257 characters'],
  ])('%j → %j (%s)', (password, expected, _why) => {
    expect(passwordWeakness(password)?.reason ?? null).toBe(expected)
  })

  it('answers zxcvbn’s feedback keys, not sentences', () => {
    expect(passwordWeakness('Password1')).toMatchObject({
      reason: 'guessable',
      warning: 'common',
      suggestions: expect.arrayContaining(['anotherWord']),
    })
  })

  it('counts the user’s own name as a known word', () => {
    const password = 'Wangxiaoming#88'
    expect(passwordWeakness(password)).toBeNull()
    expect(passwordWeakness(password, ['wangxiaoming', '王小明'])?.reason).toBe('guessable')
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
