import { z } from 'zod'
import { type GridCreateBody, GridCreateBodySchema } from './grids.schema'

/** One failing feature of an import: its place in the file, its code, and why. */
export interface ImportFailure {
  index: number
  code: string
  problem: string
  reason: string
}

const FeatureSchema = z.object({
  type: z.literal('Feature'),
  properties: z.object({
    code: z.union([z.string(), z.number()]).transform(String),
    name: z.string(),
    level: z.string(),
    parent_code: z.union([z.string(), z.number()]).transform(String).nullish(),
    households: z.number().int().nullish(),
    population: z.number().int().nullish(),
    exclusive: z.boolean().nullish(),
    sector: z.string().nullish(),
    responsible_unit: z.string().nullish(),
  }),
  geometry: z.unknown(),
})

export function codeOfFeature(feature: unknown): string {
  const code = (feature as { properties?: { code?: unknown } })?.properties?.code
  return typeof code === 'string' || typeof code === 'number' ? String(code) : ''
}

/** A feature as the body of a grid creation, or the first reason it cannot be one. */
export function parseFeature(
  feature: unknown,
): { ok: true; body: GridCreateBody } | { ok: false; reason: string } {
  const f = FeatureSchema.safeParse(feature)
  if (!f.success) return { ok: false, reason: firstIssue(f.error) }
  const p = f.data.properties
  const body = GridCreateBodySchema.safeParse({
    code: p.code,
    name: p.name,
    level: p.level,
    parentCode: p.parent_code ?? null,
    exclusive: p.exclusive ?? !!p.sector,
    sector: p.sector ?? undefined,
    boundary: f.data.geometry,
    households: p.households ?? undefined,
    population: p.population ?? undefined,
    responsibleUnit: p.responsible_unit ?? undefined,
  })
  return body.success ? { ok: true, body: body.data } : { ok: false, reason: firstIssue(body.error) }
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  return issue ? `${issue.path.join('.') || 'feature'}: ${issue.message}` : 'invalid feature'
}
