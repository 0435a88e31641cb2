import { spawnSync } from 'node:child_process'
import { createHash, createHmac } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sm4 } from 'sm-crypto-v2'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../config'
import {
  DecryptError,
  dataCipher,
  mask,
  maskEmail,
  maskName,
  maskPhone,
  newDataKey,
  parseDataKey,
  readOrCreateKeyFile,
} from './crypto'

const key = () => parseDataKey(newDataKey()) as Buffer

describe('dataCipher', () => {
  const cipher = dataCipher(key())

  it('round-trips text, with a fresh IV each time', () => {
    const text = JSON.stringify({ name: '张三', phone: '13812341234' })
    const a = cipher.encrypt(text)
    const b = cipher.encrypt(text)
    expect(a).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/)
    expect(a).not.toBe(b)
    expect(a).not.toContain('1381234')
    expect(cipher.decrypt(a)).toBe(text)
    expect(cipher.decrypt(cipher.encrypt(''))).toBe('')
  })

  it('detects a changed ciphertext, IV or tag', () => {
    const stored = cipher.encrypt('13812341234')
    const [v, iv, tag, body] = stored.split('.') as [string, string, string, string]
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url')
      bytes[0] = (bytes[0] ?? 0) ^ 1
      return bytes.toString('base64url')
    }
    for (const altered of [
      [v, iv, tag, flip(body)],
      [v, flip(iv), tag, body],
      [v, iv, flip(tag), body],
    ])
      expect(() => cipher.decrypt(altered.join('.'))).toThrow(DecryptError)
  })

  it('refuses a value written with another key, or not written by it at all', () => {
    const stored = dataCipher(key()).encrypt('13812341234')
    expect(() => cipher.decrypt(stored)).toThrow(DecryptError)
    for (const bad of ['13812341234', 'v2.a.b.c', 'v1.a.b', 'v1.AAAA.AAAA.AAAA'])
      expect(() => cipher.decrypt(bad)).toThrow(DecryptError)
  })

  it('still opens values written under a retired key after a rotation', () => {
    const [oldKey, newKey] = [Buffer.alloc(32, 1), Buffer.alloc(32, 2)]
    const stored = dataCipher(oldKey).encrypt('13812345678')
    expect(() => dataCipher(newKey).decrypt(stored)).toThrow(DecryptError)
    expect(dataCipher(newKey, 'aes-256-gcm', [oldKey]).decrypt(stored)).toBe('13812345678')
  })

  it('takes only 32-byte keys', () => {
    expect(parseDataKey(Buffer.alloc(32, 7).toString('base64'))).toHaveLength(32)
    expect(parseDataKey(Buffer.alloc(32, 7).toString('base64url'))).toHaveLength(32)
    expect(parseDataKey(Buffer.alloc(16).toString('base64'))).toBeNull()
    expect(parseDataKey('not a key!')).toBeNull()
    expect(() => dataCipher(Buffer.alloc(16))).toThrow()
  })
})

describe('SM3 and SM4 (商用密码)', () => {
  const hex = (h: string) => Buffer.from(h.replace(/\s/g, ''), 'hex')

  it('hashes with SM3 as GB/T 32905 says: SM3("abc")', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    )
    expect(createHmac('sm3', 'k').update('abc').digest('hex')).toMatch(/^[0-9a-f]{64}$/)
  })

  it('enciphers the GB/T 32907 SM4 block', () => {
    const k = hex('0123456789abcdeffedcba9876543210')
    expect(Buffer.from(sm4.encrypt(k, k, { padding: 'none', output: 'array' })).toString('hex')).toBe(
      '681edf34d206965e86b3e94f536e4246',
    )
  })

  it('seals the RFC 8998 SM4-GCM test vector (ciphertext and tag)', () => {
    const { output, tag } = sm4.encrypt(
      hex(
        'aaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbb cccccccccccccccc dddddddddddddddd eeeeeeeeeeeeeeee ffffffffffffffff eeeeeeeeeeeeeeee aaaaaaaaaaaaaaaa',
      ),
      hex('0123456789abcdeffedcba9876543210'),
      {
        mode: 'gcm',
        iv: hex('00001234567800000000abcd'),
        associatedData: hex('feedfacedeadbeeffeedfacedeadbeefabaddad2'),
        output: 'array',
        outputTag: true,
      },
    )
    expect(Buffer.from(output).toString('hex')).toBe(
      '17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d',
    )
    expect(Buffer.from(tag ?? []).toString('hex')).toBe('83de3541e4c2b58177e065a9bf7b62ec')
  })

  it('writes SM4-GCM values under sm4-gcm, tagged s1, that detect tampering and a wrong key', () => {
    const k = key()
    const cipher = dataCipher(k, 'sm4-gcm')
    const stored = cipher.encrypt('13812341234')
    expect(stored).toMatch(/^s1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/)
    expect(cipher.decrypt(stored)).toBe('13812341234')
    const [v, iv, tag, body] = stored.split('.') as [string, string, string, string]
    const flipped = Buffer.from(body, 'base64url')
    flipped[0] = (flipped[0] ?? 0) ^ 1
    expect(() => cipher.decrypt([v, iv, tag, flipped.toString('base64url')].join('.'))).toThrow(DecryptError)
    expect(() => dataCipher(key(), 'sm4-gcm').decrypt(stored)).toThrow(DecryptError)
    // The tag names the algorithm: a value cannot be read as the other one.
    expect(() => cipher.decrypt(`v1.${iv}.${tag}.${body}`)).toThrow(DecryptError)
  })

  it('reads values of both algorithms side by side, whichever one it writes', () => {
    const k = key()
    const aes = dataCipher(k, 'aes-256-gcm')
    const sm = dataCipher(k, 'sm4-gcm')
    const stored = [aes.encrypt('张三 13812341234'), sm.encrypt('李四 13900001111')]
    expect(stored.map((s) => s.slice(0, 3))).toEqual(['v1.', 's1.'])
    for (const reader of [aes, sm])
      expect(stored.map(reader.decrypt)).toEqual(['张三 13812341234', '李四 13900001111'])
  })
})

describe('masks', () => {
  it.each([
    ['13812341234', '138****1234'],
    ['+86 138-1234-1234', '138****1234'],
    ['028-87654321', '028****4321'],
    ['87654321', '****4321'],
    ['110', '***'],
  ])('masks the phone %s as %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked))

  it.each([
    ['张三', '张*'],
    ['王小明', '王**'],
    ['欧阳娜娜', '欧阳**'],
    ['欧阳', '欧*'],
    ['张', '*'],
    ['John Smith', 'J*** S****'],
  ])('masks the name %s as %s', (name, masked) => expect(maskName(name)).toBe(masked))

  it('masks an e-mail address, and picks the mask by the look of the value', () => {
    expect(maskEmail('alice@example.cn')).toBe('a****@example.cn')
    expect(maskEmail('a@example.cn')).toBe('a*@example.cn')
    expect(mask('alice@example.cn')).toBe('a****@example.cn')
    expect(mask('13812341234')).toBe('138****1234')
    expect(mask('李四')).toBe('李*')
  })
})

describe('the data key at start', () => {
  const dirs: string[] = []
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'wangge-key-'))
    dirs.push(dir)
    return dir
  }
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('creates the key file once, readable by its owner only, and reads it afterwards', () => {
    const path = join(tempDir(), 'data', 'data.key')
    const first = readOrCreateKeyFile(path)
    expect(first.created).toBe(true)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(readFileSync(path, 'utf8').trim()).toBe(first.key.toString('base64'))
    const again = readOrCreateKeyFile(path)
    expect(again.created).toBe(false)
    expect(again.key.equals(first.key)).toBe(true)
  })

  it('names WANGGE_DATA_KEY, without echoing it, when it is not base64 of 32 bytes', () => {
    const value = Buffer.alloc(16, 9).toString('base64')
    expect(() => loadConfig({ WANGGE_DATA_KEY: value })).toThrow(/^invalid configuration: WANGGE_DATA_KEY\b/)
    try {
      loadConfig({ WANGGE_DATA_KEY: value })
    } catch (error) {
      expect((error as Error).message).not.toContain(value)
    }
    expect(loadConfig({ WANGGE_DATA_KEY: newDataKey() }).WANGGE_DATA_KEY).toBeDefined()
  })

  it('refuses to serve a PostgreSQL server without WANGGE_DATA_KEY, in one line, before connecting', () => {
    const result = spawnSync(process.execPath, ['bin/wangge.mjs', 'serve'], {
      cwd: process.cwd(),
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        WANGGE_DATA_DIR: tempDir(),
        // Nothing listens there: the refusal must come before any connection attempt.
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(result.status, result.stderr).toBe(2)
    const lines = result.stderr.split('\n').filter((l) => l.trim() !== '')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^invalid configuration: WANGGE_DATA_KEY\b.*DATABASE_URL/)
  }, 60_000)
})
