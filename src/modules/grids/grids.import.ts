import { locales, z } from 'zod'
import { ZH_TITLES } from '../../http/problem-titles'
import { Problem } from '../../lib/problem'
import { findBadText, isBadText } from '../../lib/text'
import type { LevelDef } from './grids.levels'
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
  if (typeof code === 'string' && isBadText(code)) return ''
  return typeof code === 'string' || typeof code === 'number' ? String(code) : ''
}

const BAD_TEXT_REASON = 'contains a NUL character or an unpaired surrogate'

/** A feature as the body of a grid creation, or the first reason it cannot be one (in the map's words). */
export function parseFeature(
  feature: unknown,
  error?: z.core.$ZodErrorMap,
): { ok: true; body: GridCreateBody } | { ok: false; reason: string; problem?: string } {
  // The same text rule as every request (a Shapefile's attributes never went through it).
  const bad = findBadText((feature as { properties?: unknown })?.properties, 'properties')
  if (bad) return { ok: false, reason: `${bad.field}: ${BAD_TEXT_REASON}`, problem: 'request.invalid_text' }
  const f = FeatureSchema.safeParse(feature, { error })
  if (!f.success) return { ok: false, reason: firstIssue(f.error) }
  const p = f.data.properties
  const body = GridCreateBodySchema.safeParse(
    {
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
    },
    { error },
  )
  return body.success ? { ok: true, body: body.data } : { ok: false, reason: firstIssue(body.error) }
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  return issue ? `${issue.path.join('.') || 'feature'}: ${issue.message}` : 'invalid feature'
}

interface ReasonFacts {
  code: string
  level: string
  levelName: string
  width: number | undefined
  parent: string
  /** The English reason, for the detail only it carries (a share, sibling codes, PostGIS's reason). */
  english: string
  feature: unknown
}

const zhIssue = locales.zhCN().localeError

/** Chinese reasons per problem code, filled from the feature and the English reason's particulars. */
const ZH_REASONS: Record<string, (f: ReasonFacts) => string> = {
  'request.invalid': (f) => {
    const parsed = parseFeature(f.feature, zhIssue)
    return `要素格式不正确：${parsed.ok ? f.english : parsed.reason}`
  },
  'request.invalid_text': (f) => `要素属性 ${f.english.split(':')[0]} 含有空字符（NUL）或不成对的代理字符`,
  'grid.unknown_level': (f) => `未知的网格层级 ${f.level}`,
  'grid.code_unknown_level': (f) => `未知的网格层级 ${f.level}`,
  'grid.sector_mismatch': (f) => `${f.code}：专属网格须注明行业类别，非专属网格不能注明`,
  'grid.parent_not_found': (f) => `上级网格 ${f.parent} 不存在`,
  'grid.parent_level': (f) =>
    f.parent
      ? `${f.levelName} ${f.code} 不能挂在上级网格 ${f.parent} 之下`
      : `${f.levelName} ${f.code} 须有上级网格`,
  'grid.code_not_digits': (f) => `编码 ${f.code} 只能由数字组成`,
  'grid.code_wrong_width': (f) =>
    f.width === undefined
      ? `编码 ${f.code} 位数与层级 ${f.levelName} 不符`
      : `编码 ${f.code} 位数不对：${f.levelName}编码应为${f.parent ? `上级编码 ${f.parent} 后加 ` : ''}${f.width} 位`,
  'grid.code_not_under_parent': (f) => `编码 ${f.code} 不以上级网格编码 ${f.parent} 开头`,
  'grid.code_taken': (f) => `编码 ${f.code} 已被占用`,
  'grid.boundary_invalid': (f) => {
    const why = /is invalid: ([^(]*[^\s(])/.exec(f.english)?.[1]
    const repair = /\?repair=true/.test(f.english) ? '（加 ?repair=true 可自动修复）' : ''
    return `${f.code} 的边界不是有效的多边形${why ? `：${why}` : ''}${repair}`
  },
  'grid.boundary_outside_parent': (f) => {
    const share = /^([\d.]+)%/.exec(f.english)?.[1]
    return `${f.code} 有${share ? ` ${share}% ` : '部分'}面积在上级网格之外`
  },
  'grid.boundary_overlaps_sibling': (f) => {
    const siblings = / overlaps (.+)$/.exec(f.english)?.[1]
    return `${f.code} 与同级网格${siblings ? ` ${siblings} ` : ''}重叠`
  },
  'grid.not_found': (f) => `网格 ${f.code} 不存在`,
  'grid.out_of_scope': (f) => (f.parent ? `无权在网格 ${f.parent} 下创建网格` : '无权创建顶级网格'),
}

function reasonInChinese(failure: ImportFailure, feature: unknown, levels: readonly LevelDef[]): string {
  const p = (feature as { properties?: Record<string, unknown> })?.properties ?? {}
  const level = typeof p.level === 'string' ? p.level : ''
  const def = levels.find((l) => l.key === level)
  const parent = p.parent_code
  const facts: ReasonFacts = {
    code: failure.code,
    level,
    levelName: def?.zh ?? level,
    width: def?.width,
    parent: typeof parent === 'string' || typeof parent === 'number' ? String(parent) : '',
    english: failure.reason,
    feature,
  }
  return ZH_REASONS[failure.problem]?.(facts) ?? ZH_TITLES[failure.problem] ?? failure.reason
}

/** A refused import with each failure's reason in Chinese; any other error as it is. */
export function importFailuresInChinese(
  error: unknown,
  features: readonly unknown[],
  levels: readonly LevelDef[],
): unknown {
  if (!(error instanceof Problem) || error.code !== 'grid.import_failed') return error
  const failures = (error.extra.failures as ImportFailure[]).map((f) => ({
    ...f,
    reason: reasonInChinese(f, features[f.index], levels),
  }))
  return new Problem(error.status, error.code, error.title, { ...error.extra, failures }, error.headers)
}
