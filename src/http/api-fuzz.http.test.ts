import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../test/support/app'
import {
  type JsonSchema,
  mutate,
  NASTY_TEXT,
  pick,
  type Rng,
  randomUuid,
  sample,
  seededRng,
  toJson,
  urlValue,
} from '../../test/support/fuzz'

/**
 * Every operation of /openapi.json, as an administrator, a community chief and anonymously, with
 * requests drawn from its schemas and then spoiled. Nothing a client sends may answer 5xx.
 * WANGGE_FUZZ_SEED replays a run; WANGGE_FUZZ_RUNS sets the requests per operation and actor.
 */
const SEED = Number(process.env.WANGGE_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31))
const RUNS = Number(process.env.WANGGE_FUZZ_RUNS ?? 4)

interface Operation {
  method: string
  path: string
  parameters: { in: string; name: string; required?: boolean; schema?: JsonSchema }[]
  body: Record<string, { schema?: JsonSchema }>
}

interface Actor {
  name: string
  cookie?: string
  username?: string
}

let t: TestApp
let doc: { paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>; components: object }
let actors: Actor[]
const known: string[] = []

beforeAll(async () => {
  console.info(`API fuzz seed ${SEED} (replay with WANGGE_FUZZ_SEED=${SEED}), ${RUNS} runs per operation`)
  // The monitoring routes are fuzzed too: inject's 127.0.0.1 is made a monitoring address.
  t = await testApp({ WANGGE_MONITORING_ADDRESSES: '127.0.0.1' })
  const admin = await t.as([{ key: 'admin' }])
  const p = await t.place('478101', 118)
  const created = await t.call({
    method: 'POST',
    url: '/api/cases',
    cookie: p.people.worker.cookie,
    payload: { categoryCode: '06010', location: p.point, description: '井盖缺失', source: 'worker' },
  })
  expect(created.statusCode, created.body).toBe(201)
  const kase = created.json()
  known.push(kase.id, kase.no, p.d, `${p.d}001`, `${p.d}001001`, p.department, p.departmentId)
  known.push(admin.id, p.people.chief.id, '06010', '27001', '2026-12-05', 'json', 'xml', 'accept')
  actors = [
    { name: 'admin', cookie: admin.cookie, username: admin.username },
    { name: 'community chief', cookie: p.people.chief.cookie, username: p.people.chief.username },
    { name: 'anonymous' },
  ]
  doc = (await t.call({ method: 'GET', url: '/openapi.json' })).json()
})
afterAll(async () => {
  await t?.close()
})

function operations(): Operation[] {
  const ops: Operation[] = []
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = (op as { requestBody?: { content?: Operation['body'] } }).requestBody?.content ?? {}
      ops.push({ method: method.toUpperCase(), path, parameters: op.parameters ?? [], body: content })
    }
  }
  // Signing out and revoking sessions go last, so that they do not end the actors' sessions early.
  const last = (o: Operation) => /logout|sessions\/revoke/.test(o.path)
  return [...ops.filter((o) => !last(o)), ...ops.filter(last)]
}

function resolve(ref: string): JsonSchema {
  const names = ref.replace(/^#\//, '').split('/')
  return names.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], doc) as JsonSchema
}

const schemaCtx = () => ({ resolve, known })

function pathValue(param: Operation['parameters'][number], rng: Rng): string {
  const r = rng()
  if (r < 0.4) return urlValue(sample(param.schema, rng, schemaCtx()), rng)
  if (r < 0.5) return pick(rng, known)
  if (r < 0.55) return `${pick(rng, known)}%00`
  if (r < 0.65) return randomUuid(rng)
  return urlValue(pick(rng, NASTY_TEXT).slice(0, 3000), rng)
}

function queryString(op: Operation, rng: Rng): string {
  const parts: string[] = []
  for (const q of op.parameters.filter((x) => x.in === 'query')) {
    if (!q.required && rng() < 0.4) continue
    const value =
      rng() < 0.5 ? sample(q.schema, rng, schemaCtx()) : mutate(sample(q.schema, rng, schemaCtx()), rng)
    parts.push(`${encodeURIComponent(q.name)}=${urlValue(value, rng).slice(0, 8000)}`)
  }
  // Sometimes every value carries a NUL, so that whichever parameter reaches SQL has one.
  if (rng() < 0.25) return `?${parts.map((x) => `${x}%00`).join('&')}`
  if (rng() < 0.15) parts.push(`${urlValue(pick(rng, ['x', 'x\u0000', 'limit', '__proto__']), rng)}=%00`)
  return parts.length > 0 ? `?${parts.join('&')}` : ''
}

function randomBytes(rng: Rng, prefix: number[]): Buffer {
  const n = Math.floor(rng() * 2000)
  return Buffer.from([...prefix, ...Array.from({ length: n }, () => Math.floor(rng() * 256))])
}

const MAGIC: Record<string, number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'application/zip': [0x50, 0x4b, 0x03, 0x04],
  'application/pdf': [...Buffer.from('%PDF-1.4\n')],
}

/** The body and its content type: JSON and form bodies from the schema, files as junk bytes. */
function body(op: Operation, rng: Rng): Pick<InjectOptions, 'payload' | 'headers'> {
  const types = Object.keys(op.body)
  if (op.path === '/api/cases/import') {
    const csv = `工单号,分类代码,经度,纬度,诉求内容\n1,06010,118.01,30.01,好\n2,${pick(rng, NASTY_TEXT)},x,y,${pick(rng, NASTY_TEXT)}\n`
    return { headers: { 'content-type': 'text/csv' }, payload: rng() < 0.7 ? csv : randomBytes(rng, []) }
  }
  if (types.length === 0) {
    if (op.method === 'GET' || rng() < 0.7) return {}
    return { headers: { 'content-type': 'application/json' }, payload: toJson(mutate({}, rng)) }
  }
  const type = pick(rng, types)
  const value = mutate(sample(op.body[type]?.schema, rng, schemaCtx()), rng)
  if (type === 'application/json') return { headers: { 'content-type': type }, payload: toJson(value) }
  if (type === 'application/x-www-form-urlencoded') {
    const fields = value && typeof value === 'object' ? Object.entries(value) : [['description', value]]
    const form = fields.map(([k, v]) => `${urlValue(k, rng)}=${urlValue(v, rng)}`).join('&')
    return { headers: { 'content-type': type }, payload: form }
  }
  return { headers: { 'content-type': type }, payload: randomBytes(rng, MAGIC[type] ?? []) }
}

function request(op: Operation, rng: Rng): InjectOptions {
  const url = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const param = op.parameters.find((x) => x.in === 'path' && x.name === name) ?? { in: 'path', name }
    return pathValue(param, rng)
  })
  const { payload, headers } = body(op, rng)
  const extra: Record<string, string> = {}
  if (rng() < 0.2) extra['idempotency-key'] = pick(rng, ['k', 'x'.repeat(500), '%00', '../'])
  if (rng() < 0.1) extra['x-tracking-token'] = pick(rng, ['t', 'x'.repeat(500), '%00'])
  return {
    method: op.method as InjectOptions['method'],
    url: `${url}${queryString(op, rng)}`,
    headers: { ...headers, ...extra },
    ...(payload === undefined ? {} : { payload }),
  }
}

const clip = (s: unknown, n = 600) => {
  const text = typeof s === 'string' ? s : Buffer.isBuffer(s) ? `<${s.length} bytes>` : JSON.stringify(s)
  return text && text.length > n ? `${text.slice(0, n)}… (${text.length} chars)` : text
}

async function send(actor: Actor, req: InjectOptions): Promise<LightMyRequestResponse> {
  const res = await t.call({ ...req, cookie: actor.cookie })
  // A spoiled request may have signed the actor out (a revoked session): sign in again and go on.
  if (res.statusCode === 401 && actor.username)
    actor.cookie = await t.login(actor.username).catch(() => actor.cookie)
  return res
}

describe('API fuzz: no request answers 5xx', () => {
  it('survives spoiled requests to every operation, as each actor', { timeout: 300_000 }, async () => {
    const rng = seededRng(SEED)
    const failures: string[] = []
    const ops = operations()
    expect(ops.length).toBeGreaterThan(50)
    for (const op of ops) {
      for (const actor of actors) {
        for (let i = 0; i < RUNS; i++) {
          const req = request(op, rng)
          const res = await send(actor, req)
          if (res.statusCode >= 500) {
            failures.push(
              [
                `${res.statusCode} ${op.method} ${op.path} as ${actor.name}`,
                `  request: ${req.method} ${clip(req.url, 300)} ${JSON.stringify(req.headers)} ${clip(req.payload)}`,
                `  answer: ${clip(res.body)}`,
              ].join('\n'),
            )
          }
        }
      }
    }
    expect(failures, `seed ${SEED}\n${failures.join('\n')}`).toEqual([])
  })
})
