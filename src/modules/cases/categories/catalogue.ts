import { DEPARTMENT_KEYS } from '../../staff/department-kinds'
import { inHours } from './catalogue.build'
import { CITY_CATEGORIES } from './catalogue.city'
import { SOCIAL_CATEGORIES } from './catalogue.social'
import { type CategoryDef, type Duration, URGENCIES } from './categories.types'

/** The shipped catalogues: city management (01–10) then social governance (21–28). */
export const DEFAULT_CATEGORIES: readonly CategoryDef[] = [...CITY_CATEGORIES, ...SOCIAL_CATEGORIES]

/**
 * The class a GB/T 30428.2 legacy code stands for: 'E0110' (event 01-10) or 'C0101' (component 01-01).
 * Case, spaces and dashes are ignored ('e01-10'); a code no class claims gives undefined.
 */
export function findByLegacyCode(
  code: string,
  categories: readonly CategoryDef[] = DEFAULT_CATEGORIES,
): CategoryDef | undefined {
  const wanted = code.toUpperCase().replace(/[\s-]/g, '')
  return categories.find((c) => c.legacy?.includes(wanted))
}

export type CatalogueProblemKind =
  | 'bad_code' // neither 2 nor 5 digits
  | 'duplicate_code'
  | 'missing_big_class' // a small class whose big class is nowhere in the catalogue
  | 'not_under_big_class' // a small class listed under another big class than its code's
  | 'catalogue_mismatch' // a small class in another catalogue than its big class
  | 'missing_standard' // a small class without a filing standard
  | 'standard_on_big_class'
  | 'non_positive_limit'
  | 'limits_not_tightening' // urgent longer than normal, or critical longer than urgent
  | 'unknown_department'
  | 'bad_legacy' // not 'E' or 'C' and 4 digits
  | 'duplicate_legacy'
  | 'self_handle_not_admitted'
  | 'empty_name'
  | 'duplicate_name' // the same zh or en name twice within one parent
  | 'bad_field'

export interface CatalogueProblem {
  kind: CatalogueProblemKind
  code: string
  detail?: string
}

const isBig = (code: string) => /^\d{2}$/.test(code)
const isSmall = (code: string) => /^\d{5}$/.test(code)

/**
 * What is wrong with a catalogue, as a list (empty when nothing is). A catalogue lists each big class
 * followed by its small classes. `departments` are the keys a standard may name: the defaults, plus
 * whatever a deployment has added.
 */
export function checkCatalogue(
  categories: readonly CategoryDef[],
  departments: readonly string[] = DEPARTMENT_KEYS.map((d) => d.key),
): CatalogueProblem[] {
  const problems: CatalogueProblem[] = []
  const report = (kind: CatalogueProblemKind, code: string, detail?: string) => {
    problems.push(detail === undefined ? { kind, code } : { kind, code, detail })
  }
  const bigClasses = new Map<string, CategoryDef>()
  for (const c of categories) if (isBig(c.code) && !bigClasses.has(c.code)) bigClasses.set(c.code, c)

  const seen = new Set<string>()
  const legacyOwners = new Map<string, string>()
  const names = new Map<string, string>() // parent + language + name → code
  const knownDepartments = new Set(departments)
  let current: CategoryDef | undefined

  for (const c of categories) {
    if (seen.has(c.code)) report('duplicate_code', c.code)
    seen.add(c.code)
    checkLegacy(c, legacyOwners, report)

    if (isBig(c.code)) {
      current = c
      checkNames(c, `catalogue:${c.catalogue}`, names, report)
      if (c.standard) report('standard_on_big_class', c.code)
      continue
    }
    if (!isSmall(c.code)) {
      report('bad_code', c.code)
      continue
    }

    const bigCode = c.code.slice(0, 2)
    checkNames(c, bigCode, names, report)
    const bigClass = bigClasses.get(bigCode)
    if (!bigClass) report('missing_big_class', c.code, bigCode)
    else {
      if (current?.code !== bigCode) report('not_under_big_class', c.code, current?.code ?? 'none')
      if (bigClass.catalogue !== c.catalogue) report('catalogue_mismatch', c.code, bigClass.catalogue)
    }
    checkStandard(c, knownDepartments, report)
    checkFields(c, report)
  }
  return problems
}

type Report = (kind: CatalogueProblemKind, code: string, detail?: string) => void

function checkLegacy(c: CategoryDef, owners: Map<string, string>, report: Report) {
  for (const legacy of c.legacy ?? []) {
    if (!/^[EC]\d{4}$/.test(legacy)) report('bad_legacy', c.code, legacy)
    const owner = owners.get(legacy)
    if (owner !== undefined) report('duplicate_legacy', c.code, `${legacy} (also ${owner})`)
    else owners.set(legacy, c.code)
  }
}

function checkNames(c: CategoryDef, parent: string, names: Map<string, string>, report: Report) {
  for (const [language, name] of [
    ['zh', c.zh.trim()],
    ['en', c.en.trim().toLowerCase()],
  ] as const) {
    if (name === '') {
      report('empty_name', c.code, language)
      continue
    }
    const key = `${parent}|${language}|${name}`
    const other = names.get(key)
    if (other !== undefined) report('duplicate_name', c.code, `${language} (also ${other})`)
    else names.set(key, c.code)
  }
}

/** A limit's number, whichever its unit; NaN when it has none (data edited by hand). */
function amount(d: Duration | undefined): number {
  if (!d) return Number.NaN
  return 'hours' in d ? d.hours : 'days' in d ? d.days : Number.NaN
}

function checkStandard(c: CategoryDef, departments: Set<string>, report: Report) {
  const s = c.standard
  if (!s) {
    report('missing_standard', c.code)
    return
  }
  const { accept, handle, verify } = s.limits
  const limits: [string, Duration | undefined][] = [
    ['accept', accept],
    ...URGENCIES.map((u): [string, Duration | undefined] => [`handle.${u}`, handle?.[u]]),
    ['verify', verify],
  ]
  const bad = limits.filter(([, d]) => {
    const n = amount(d)
    return !(n > 0 && Number.isFinite(n))
  })
  for (const [name] of bad) report('non_positive_limit', c.code, name)
  if (bad.length === 0) {
    if (inHours(handle.urgent) > inHours(handle.normal)) report('limits_not_tightening', c.code, 'urgent')
    if (inHours(handle.critical) > inHours(handle.urgent)) report('limits_not_tightening', c.code, 'critical')
  }
  if (s.department !== null && !departments.has(s.department)) {
    report('unknown_department', c.code, s.department)
  }
  if (s.selfHandle && !s.admitted) report('self_handle_not_admitted', c.code)
}

function checkFields(c: CategoryDef, report: Report) {
  const keys = new Set<string>()
  for (const f of c.fields ?? []) {
    if (keys.has(f.key)) report('bad_field', c.code, `${f.key}: duplicate key`)
    keys.add(f.key)
    const values = f.values ?? []
    if (f.type === 'singlevaluelist' && values.length === 0)
      report('bad_field', c.code, `${f.key}: no values`)
    if (f.type !== 'singlevaluelist' && values.length > 0)
      report('bad_field', c.code, `${f.key}: values on ${f.type}`)
    if (new Set(values.map((v) => v.key)).size !== values.length) {
      report('bad_field', c.code, `${f.key}: duplicate value key`)
    }
  }
}
