import { Writable } from 'node:stream'
import Fastify from 'fastify'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { AccessLog } from './access-log'

/** An app that answers 200, 404 and 500, logging to lines we can read, at the given level. */
async function appLoggingAt(level: string) {
  const lines: Record<string, unknown>[] = []
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)))
      done()
    },
  })
  const app = Fastify({ loggerInstance: pino({ level }, sink), logController: new AccessLog() })
  app.get('/ok', async () => ({ ok: true }))
  app.get('/broken', async () => {
    throw new Error('database gone')
  })
  for (const url of ['/ok?name=张三', '/missing', '/broken']) await app.inject({ method: 'GET', url })
  await app.close()
  return lines
}

describe('the access log', () => {
  it('writes one line per request at info, with status and time but no query string', async () => {
    const lines = (await appLoggingAt('info')).filter(
      (l) => l.msg === 'request' || l.msg === 'request failed',
    )
    expect(lines.map((l) => [l.path, l.status])).toEqual([
      ['/ok', 200],
      ['/missing', 404],
      ['/broken', 500],
    ])
    expect(JSON.stringify(lines)).not.toContain('张三')
    expect(lines.every((l) => typeof l.ms === 'number')).toBe(true)
  })

  it('is silent at warn, except for the request that failed on the server', async () => {
    const lines = await appLoggingAt('warn')
    const access = lines.filter((l) => 'status' in l)
    expect(access.map((l) => [l.path, l.status, l.level])).toEqual([['/broken', 500, 50]])
  })
})
