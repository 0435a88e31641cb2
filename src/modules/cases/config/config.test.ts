import { describe, expect, it } from 'vitest'
import type { Actor, Scope } from '../../../lib/context'
import { DEFAULT_CATEGORIES } from '../categories/catalogue'
import type { CategoryDef, FilingStandard } from '../categories/categories.types'
import { changedParts, checkClass } from './config.categories'
import {
  mayConfigureCatalogue,
  mayReadCalendar,
  mayRoute,
  mayRouteAnywhere,
  routingSubtrees,
} from './config.policy'
import { CategoryCreateBodySchema, CategoryPatchBodySchema, RouteCreateBodySchema } from './config.schema'
import { daysInForce } from './live-calendar'

const actor = (...grants: [string[], Scope][]): Actor => ({
  type: 'user',
  id: 'u1',
  name: 'u',
  grants: grants.map(([permissions, scope]) => ({ roleKey: 'r', permissions, scope })),
})
const whole: Scope = { type: 'grid', path: '' }
const street: Scope = { type: 'grid', path: '510104.001' }

describe('config policy', () => {
  it.each([
    ['an administrator', actor([['*'], whole]), true, true, true, null],
    ['case.configure over a street', actor([['case.configure'], street]), false, true, false, ['510104.001']],
    [
      'a street chief (grid.manage)',
      actor([['grid.manage', 'case.read'], street]),
      false,
      true,
      false,
      ['510104.001'],
    ],
    ['a grid worker', actor([['case.read', 'case.report'], street]), false, false, false, []],
    ['nobody', null, false, false, false, []],
  ])('%s', (_, who, catalogue, routesHere, routesElsewhere, subtrees) => {
    expect(mayConfigureCatalogue(who)).toBe(catalogue)
    expect(mayRoute(who, '510104.001.002')).toBe(routesHere)
    expect(mayRoute(who, '510104.002')).toBe(routesElsewhere)
    expect(mayRouteAnywhere(who)).toBe(routesHere)
    expect(routingSubtrees(who)).toEqual(subtrees)
  })

  it('lets whoever reads cases read the calendar', () => {
    expect(mayReadCalendar(actor([['case.read'], street]))).toBe(true)
    expect(mayReadCalendar(actor([['grid.read'], street]))).toBe(false)
  })
})

const shipped = DEFAULT_CATEGORIES.find((c) => c.code === '06010') as CategoryDef
const standard = shipped.standard as FilingStandard
const withStandard = (patch: Partial<FilingStandard>): CategoryDef => ({
  ...shipped,
  standard: { ...standard, ...patch },
})
const kinds = (def: CategoryDef) => checkClass(DEFAULT_CATEGORIES, def).map((p) => p.kind)

describe('checkClass', () => {
  it('passes a shipped class and a valid edit', () => {
    expect(kinds(shipped)).toEqual([])
    expect(kinds(withStandard({ level: 'community', department: 'urban_management' }))).toEqual([])
  })

  it.each([
    [
      'a non-positive limit',
      { limits: { ...standard.limits, accept: { hours: 0 } } },
      ['non_positive_limit'],
    ],
    [
      'urgent longer than normal',
      {
        limits: {
          ...standard.limits,
          handle: { normal: { hours: 4 }, urgent: { days: 2 }, critical: { hours: 1 } },
        },
      },
      ['limits_not_tightening'],
    ],
    [
      'critical longer than urgent',
      {
        limits: {
          ...standard.limits,
          handle: { normal: { days: 5 }, urgent: { hours: 4 }, critical: { hours: 8 } },
        },
      },
      ['limits_not_tightening'],
    ],
    ['an unknown department kind', { department: 'ministry_of_magic' }, ['unknown_department']],
    [
      'self-handling a matter not admitted',
      { selfHandle: true, admitted: false },
      ['self_handle_not_admitted'],
    ],
  ])('reports %s', (_, patch, expected) => {
    expect(kinds(withStandard(patch as Partial<FilingStandard>))).toEqual(expected)
  })

  it('reports a name a sibling has, on the class being edited, whichever comes first', () => {
    const sibling = DEFAULT_CATEGORIES.find((c) => c.code === '06011') as CategoryDef
    expect(checkClass(DEFAULT_CATEGORIES, { ...shipped, zh: sibling.zh })).toEqual([
      { kind: 'duplicate_name', code: '06010', detail: 'zh (also 06011)' },
    ])
    expect(checkClass(DEFAULT_CATEGORIES, { ...sibling, en: shipped.en.toUpperCase() })).toEqual([
      { kind: 'duplicate_name', code: '06011', detail: 'en (also 06010)' },
    ])
  })

  it('checks a new local class under its big class', () => {
    const local: CategoryDef = { ...shipped, code: '06900', zh: '地方垃圾', en: 'Local waste', legacy: [] }
    expect(kinds(local)).toEqual([])
    expect(kinds({ ...local, code: '91001' })).toEqual(['missing_big_class'])
    expect(kinds({ ...local, catalogue: 'social' })).toEqual(['catalogue_mismatch'])
    expect(kinds({ code: '91', catalogue: 'city', zh: '地方大类', en: 'Local', standard })).toEqual([
      'standard_on_big_class',
    ])
    expect(kinds({ ...local, zh: ' ' })).toEqual(['empty_name'])
  })

  it('names the parts of a standard that changed', () => {
    expect(changedParts(standard, { ...standard, level: 'grid', selfHandle: true })).toEqual([
      'standard.level',
      'standard.selfHandle',
    ])
    expect(changedParts(standard, standard)).toEqual([])
    expect(changedParts(null, null)).toEqual([])
  })
})

describe('schemas', () => {
  it('takes a partial edit and refuses an empty one or unknown keys', () => {
    expect(CategoryPatchBodySchema.safeParse({ active: false }).success).toBe(true)
    expect(CategoryPatchBodySchema.safeParse({}).success).toBe(false)
    expect(CategoryPatchBodySchema.safeParse({ code: '06011' }).success).toBe(false)
    expect(CategoryPatchBodySchema.safeParse({ standard: { ...standard, extra: 1 } }).success).toBe(false)
    expect(
      CategoryPatchBodySchema.safeParse({
        standard: { ...standard, limits: { ...standard.limits, verify: { days: 1.5 } } },
      }).success,
    ).toBe(false)
  })

  it('takes a 2- or 5-digit code for a new class', () => {
    const base = { zh: '甲', en: 'A' }
    expect(CategoryCreateBodySchema.safeParse({ ...base, code: '91' }).success).toBe(true)
    expect(CategoryCreateBodySchema.safeParse({ ...base, code: '910' }).success).toBe(false)
  })

  it('needs a target for a rule, and a category prefix of 0, 2 or 5 digits', () => {
    const ok = { gridCode: '510104', categoryPrefix: '' }
    expect(RouteCreateBodySchema.safeParse({ ...ok, level: 'street' }).success).toBe(true)
    expect(RouteCreateBodySchema.safeParse({ ...ok, department: 'san1' }).success).toBe(true)
    expect(RouteCreateBodySchema.safeParse(ok).success).toBe(false)
    expect(RouteCreateBodySchema.safeParse({ ...ok, categoryPrefix: '060', level: 'grid' }).success).toBe(
      false,
    )
    expect(RouteCreateBodySchema.safeParse({ ...ok, level: 'city' }).success).toBe(false)
  })
})

describe('daysInForce', () => {
  it('lays the database over the file over the shipped days, saying what each overrides', () => {
    const layers = {
      shifts: [['09:00', '17:00'] as const],
      shipped: [
        { date: '2026-10-01', kind: 'holiday' as const, name: '国庆节' },
        { date: '2026-10-10', kind: 'workday' as const, name: '国庆节' },
        { date: '2025-10-01', kind: 'holiday' as const, name: '国庆节' },
      ],
      file: [{ date: '2026-10-10', kind: 'holiday' as const, name: '本地休息' }],
      database: [
        { date: '2026-10-10', kind: 'workday' as const, name: '补班' },
        { date: '2026-03-08', kind: 'holiday' as const, name: '妇女节' },
      ],
    }
    expect(daysInForce(layers, 2026)).toEqual([
      { date: '2026-03-08', kind: 'holiday', name: '妇女节', source: 'database', overrides: null },
      { date: '2026-10-01', kind: 'holiday', name: '国庆节', source: 'shipped', overrides: null },
      {
        date: '2026-10-10',
        kind: 'workday',
        name: '补班',
        source: 'database',
        overrides: { date: '2026-10-10', kind: 'holiday', name: '本地休息', source: 'file' },
      },
    ])
  })
})
