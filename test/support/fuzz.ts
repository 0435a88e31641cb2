/**
 * Pieces of the API fuzz test: a seeded PRNG, values drawn from an OpenAPI (JSON) schema, and
 * mutations of them that a careless or hostile client might send.
 */

export { type Rng, seededRng } from '../../src/lib/random'

import type { Rng } from '../../src/lib/random'

export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T
const chance = (rng: Rng, p: number) => rng() < p

/** Stands for a number JSON.stringify cannot write (1e999 parses to Infinity). */
export const HUGE_NUMBER = '\u0001huge'
/** Stands for arrays nested 50 000 deep, for code that walks a value recursively. */
export const DEEP_NESTING = '\u0001deep'
const DEEP_JSON = `${'['.repeat(50_000)}${']'.repeat(50_000)}`
export const toJson = (v: unknown) =>
  JSON.stringify(v)
    .replaceAll(JSON.stringify(HUGE_NUMBER), '1e999')
    .replaceAll(JSON.stringify(DEEP_NESTING), DEEP_JSON)

/** Strings and values a hostile client tries in any text or number. */
export const NASTY_TEXT = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  'x\ud800',
  '\udc00y',
  '%00',
  '%',
  '_',
  '%_%',
  '../../etc/passwd',
  '..%2F..%2F',
  "'; drop table cases; --",
  '🚧网格',
  '９９９',
  'NaN',
  '-0',
  '1e999',
  '2026-02-30',
  '2026-13-45T25:61:61Z',
  '0000-00-00',
  '99999999999999999999',
  'x'.repeat(70_000),
  '\u202e\u200b',
]
export const NASTY_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -1e308,
  1e308,
  2 ** 53 + 1,
  -(2 ** 31) - 1,
  2 ** 31,
  HUGE_NUMBER,
  DEEP_NESTING,
  [],
  {},
  [null],
  { a: { b: [{ c: '\u0000' }] } },
  { __proto__x: 1, constructor: 'x' },
]

export type JsonSchema = {
  $ref?: string
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  enum?: unknown[]
  const?: unknown
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  format?: string
  pattern?: string
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  minItems?: number
  nullable?: boolean
  additionalProperties?: boolean | JsonSchema
}

export function randomUuid(rng: Rng): string {
  const hex = () => Math.floor(rng() * 16).toString(16)
  const part = (n: number) => Array.from({ length: n }, hex).join('')
  return `${part(8)}-${part(4)}-7${part(3)}-8${part(3)}-${part(12)}`
}

const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => Math.floor(rng() * 10)).join('')

/**
 * A value that plausibly passes the schema, preferring the test's real ids and codes (`known`) so
 * that requests reach the code behind validation.
 */
export function sample(
  schema: JsonSchema | undefined,
  rng: Rng,
  ctx: { resolve: (ref: string) => JsonSchema; known: string[] },
  depth = 0,
): unknown {
  if (!schema || depth > 8) return null
  if (schema.$ref) return sample(ctx.resolve(schema.$ref), rng, ctx, depth + 1)
  if (schema.const !== undefined) return schema.const
  if (schema.enum) return pick(rng, schema.enum)
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives) return sample(pick(rng, alternatives), rng, ctx, depth + 1)
  if (schema.allOf) return sample(schema.allOf[0], rng, ctx, depth + 1)
  const types = Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null') : [schema.type]
  const type = types[0] ?? (schema.properties ? 'object' : 'string')
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(k) || chance(rng, 0.6)) out[k] = sample(v, rng, ctx, depth + 1)
      }
      return out
    }
    case 'array': {
      const n = Math.max(schema.minItems ?? 0, chance(rng, 0.5) ? 1 : 2)
      return Array.from({ length: n }, () => sample(schema.items, rng, ctx, depth + 1))
    }
    case 'integer':
    case 'number': {
      const lo = schema.minimum ?? (type === 'integer' ? 0 : -10)
      const hi = schema.maximum ?? lo + 100
      const n = lo + rng() * (hi - lo)
      return type === 'integer' ? Math.floor(n) : n
    }
    case 'boolean':
      return chance(rng, 0.5)
    default:
      return sampleString(schema, rng, ctx.known)
  }
}

function sampleString(schema: JsonSchema, rng: Rng, known: string[]): string {
  if (schema.format === 'uuid') return chance(rng, 0.5) ? pick(rng, known) : randomUuid(rng)
  if (schema.format === 'date-time')
    return new Date(Date.UTC(2026, 11, 1 + Math.floor(rng() * 9))).toISOString()
  if (schema.format === 'date') return `2026-12-0${1 + Math.floor(rng() * 9)}`
  if (schema.pattern) {
    const re = new RegExp(schema.pattern)
    const fits = known.filter((k) => re.test(k))
    if (fits.length > 0 && chance(rng, 0.8)) return pick(rng, fits)
    const tries = [digits(rng, 5), digits(rng, 6), digits(rng, 12), 'abc_1', '2026-12-05', 'a']
    return tries.find((s) => re.test(s)) ?? tries[0] ?? ''
  }
  if (chance(rng, 0.3)) return pick(rng, known)
  const base = pick(rng, ['测试内容', 'abc', 'Test#2026pass', 'x'])
  return base.padEnd(schema.minLength ?? 0, 'x')
}

type Path = (string | number)[]

function leafPaths(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at)
  if (Array.isArray(v)) for (const [i, x] of v.entries()) leafPaths(x, [...at, i], out)
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) leafPaths(x, [...at, k], out)
  return out
}

function setAt(root: unknown, path: Path, value: unknown, remove = false): unknown {
  if (path.length === 0) return value
  const parent = path.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], root)
  const last = path[path.length - 1] as string | number
  if (remove) delete (parent as Record<string | number, unknown>)[last]
  else (parent as Record<string | number, unknown>)[last] = value
  return root
}

const POISON = ['\u0000', '\ud800', '\udc00']

/** Every string of a value with a NUL or half a surrogate pair in it: whichever field is stored, it carries one. */
function poisonStrings(v: unknown, rng: Rng): unknown {
  if (typeof v === 'string') return `${v}${pick(rng, POISON)}`
  if (Array.isArray(v)) return v.map((x) => poisonStrings(x, rng))
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, poisonStrings(x, rng)]))
  }
  return v
}

/** The sample itself, or one part of it changed: a nasty value, a removed field, an extra one. */
export function mutate(value: unknown, rng: Rng): unknown {
  const copy = value === undefined ? undefined : structuredClone(value)
  const r = rng()
  if (r < 0.15) return copy
  if (r < 0.35) return poisonStrings(copy, rng)
  const paths = leafPaths(copy)
  const at = pick(rng, paths)
  if (r < 0.55) return setAt(copy, at, pick(rng, NASTY_TEXT))
  if (r < 0.75) return setAt(copy, at, pick(rng, NASTY_VALUES))
  if (r < 0.85 && at.length > 0) return setAt(copy, at, undefined, true)
  if (copy && typeof copy === 'object' && !Array.isArray(copy)) {
    const key = pick(rng, ['extra', 'x\u0000y', 'k\ud800', '__proto__', 'constructor', 'a'.repeat(300)])
    return { ...copy, [key]: pick(rng, [...NASTY_TEXT, ...NASTY_VALUES]) }
  }
  return pick(rng, NASTY_VALUES)
}

/** A path or query value as it goes in a URL; some nasty ones go raw. */
export function urlValue(v: unknown, rng: Rng): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v ?? null)
  if (chance(rng, 0.05)) return pick(rng, ['%', '%00', '%zz', '%ED%A0%80', '..%2F..%2F', '%2e%2e'])
  try {
    return encodeURIComponent(s)
  } catch {
    return '%ED%A0%80' // a lone surrogate has no UTF-8: send what a client would, an encoded surrogate
  }
}
