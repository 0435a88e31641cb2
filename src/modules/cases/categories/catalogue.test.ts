import { describe, expect, it } from 'vitest'
import { DEPARTMENT_KEYS } from '../../staff/department-kinds'
import { checkCatalogue, DEFAULT_CATEGORIES, findByLegacyCode } from './catalogue'
import { days, hours, tighten } from './catalogue.build'
import { CITY_CATEGORIES } from './catalogue.city'
import { isLocalExtension } from './catalogue.local'
import { SOCIAL_CATEGORIES } from './catalogue.social'
import { type CategoryDef, type FilingStandard, REQUEST_NATURES } from './categories.types'

const byCode = (code: string) => DEFAULT_CATEGORIES.find((c) => c.code === code)
const smallClasses = (categories: readonly CategoryDef[]) => categories.filter((c) => c.code.length === 5)
const bigCodes = (categories: readonly CategoryDef[]) =>
  categories.filter((c) => c.code.length === 2).map((c) => c.code)

describe('the shipped catalogues', () => {
  it('have no problems', () => {
    expect(checkCatalogue(DEFAULT_CATEGORIES)).toEqual([])
  })

  it('cover the ten city big classes with at least 90 small classes', () => {
    expect(bigCodes(CITY_CATEGORIES)).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'])
    expect(smallClasses(CITY_CATEGORIES).length).toBeGreaterThanOrEqual(90)
    for (const big of bigCodes(CITY_CATEGORIES)) {
      expect(smallClasses(CITY_CATEGORIES).some((c) => c.code.startsWith(big))).toBe(true)
    }
  })

  it('cover the eight social big classes 21–28', () => {
    expect(bigCodes(SOCIAL_CATEGORIES)).toEqual(['21', '22', '23', '24', '25', '26', '27', '28'])
    for (const big of bigCodes(SOCIAL_CATEGORIES)) {
      expect(
        smallClasses(SOCIAL_CATEGORIES).filter((c) => c.code.startsWith(big)).length,
      ).toBeGreaterThanOrEqual(4)
    }
  })

  it('keep the GB/T 47678.5 codes the reference names', () => {
    const names = Object.fromEntries(DEFAULT_CATEGORIES.map((c) => [c.code, c.zh]))
    expect(names).toMatchObject({
      '01001': '供水井盖异常',
      '01037': '路灯异常',
      '01054': '充电桩异常',
      '01075': '快递柜异常',
      '02012': '路名牌异常',
      '03001': '公共厕所异常',
      '04002': '行道树异常',
      '06001': '私搭乱建',
      '06010': '暴露垃圾',
      '06042': '垃圾站（箱）满溢',
      '07001': '非法小广告',
      '08004': '工地扬尘',
      '09006': '占道经营',
      '09011': '共享单车乱象',
      '10001': '道路积雪、结冰',
    })
  })

  it('carry the reference time limits', () => {
    const normal = (code: string) => byCode(code)?.standard?.limits.handle.normal
    expect(normal('06010')).toEqual({ hours: 4 }) // 暴露垃圾
    expect(normal('06012')).toEqual({ hours: 5 }) // 道路不洁
    expect(normal('06001')).toEqual({ hours: 4 }) // 私搭乱建: stop the works
    expect(normal('04013')).toEqual({ days: 5 }) // 绿地养护
    expect(normal('06025')).toEqual({ days: 15 }) // 水域不洁
    expect(normal('01001')).toEqual({ hours: 6 }) // 井盖
    expect(byCode('06010')?.standard?.limits.accept).toEqual({ hours: 1 })
  })

  it('give every class a zh and an en name, distinct within its parent', () => {
    const parentOf = (c: CategoryDef) => (c.code.length === 2 ? c.catalogue : c.code.slice(0, 2))
    for (const language of ['zh', 'en'] as const) {
      const seen = new Set<string>()
      for (const c of DEFAULT_CATEGORIES) {
        expect(c[language].trim(), `${c.code} ${language}`).not.toBe('')
        const key = `${parentOf(c)}|${c[language]}`
        expect(seen.has(key), `${c.code} ${language} repeated`).toBe(false)
        seen.add(key)
      }
    }
  })

  it('give a standard to small classes only', () => {
    for (const c of DEFAULT_CATEGORIES) expect(Boolean(c.standard), c.code).toBe(c.code.length === 5)
  })

  it('leave the local extension ranges free', () => {
    expect(DEFAULT_CATEGORIES.filter((c) => isLocalExtension(c.code))).toEqual([])
  })

  it('never push public order matters onto grid workers', () => {
    const policing = smallClasses(SOCIAL_CATEGORIES).filter((c) => c.code.startsWith('22'))
    expect(policing.map((c) => c.standard?.department)).toEqual(policing.map(() => 'police'))
    expect(policing.filter((c) => c.standard?.admitted)).toEqual([])
  })

  it('let grid workers settle small neighbour disputes and record public opinion themselves', () => {
    expect(byCode('21001')?.standard).toMatchObject({ level: 'grid', department: null, selfHandle: true })
    const opinion = smallClasses(SOCIAL_CATEGORIES).filter((c) => c.code.startsWith('27'))
    expect(opinion.every((c) => c.standard?.selfHandle && c.standard.admitted)).toBe(true)
  })
})

describe('findByLegacyCode', () => {
  it('finds event and component classes by their GB/T 30428.2 codes', () => {
    expect(findByLegacyCode('E0110')?.code).toBe('06010') // 暴露垃圾
    expect(findByLegacyCode('E0101')?.code).toBe('06001') // 私搭乱建
    expect(findByLegacyCode('E0201')?.code).toBe('07001') // 非法小广告
    expect(findByLegacyCode('E0304')?.code).toBe('08004') // 工地扬尘
    expect(findByLegacyCode('E0506')?.code).toBe('09006') // 占道经营
    expect(findByLegacyCode('C0101')?.code).toBe('01001') // 上水井盖
    expect(findByLegacyCode('C0402')?.code).toBe('04002') // 行道树
  })

  it('tells events from components with the same digits', () => {
    expect(findByLegacyCode('E0101')?.code).not.toBe(findByLegacyCode('C0101')?.code)
  })

  it('ignores case, spaces and dashes, and finds nothing for an unknown code', () => {
    expect(findByLegacyCode(' e01-10 ')?.code).toBe('06010')
    expect(findByLegacyCode('E0199')).toBeUndefined()
    expect(findByLegacyCode('0110')).toBeUndefined()
  })

  it('searches a given catalogue', () => {
    const local: CategoryDef[] = [
      { code: '90', catalogue: 'city', zh: '地方', en: 'Local' },
      { code: '90001', catalogue: 'city', zh: '甲', en: 'A', legacy: ['E2101'], standard: standard() },
    ]
    expect(findByLegacyCode('E2101', local)?.code).toBe('90001')
    expect(findByLegacyCode('E2101')).toBeUndefined()
  })
})

describe('isLocalExtension', () => {
  it.each([
    ['90', true],
    ['99', true],
    ['99012', true],
    ['06900', true],
    ['21999', true],
    ['06899', false],
    ['06', false],
    ['28004', false],
    ['9', false],
    ['abcde', false],
  ])('%s → %s', (code, local) => {
    expect(isLocalExtension(code)).toBe(local)
  })
})

function standard(over: Partial<FilingStandard> = {}): FilingStandard {
  return {
    filingCondition: '发现问题',
    closingCondition: '问题已解决',
    level: 'grid',
    department: null,
    limits: {
      accept: { hours: 1 },
      handle: { normal: { hours: 4 }, urgent: { hours: 2 }, critical: { hours: 1 } },
      verify: { hours: 2 },
    },
    evidence: { handle: true, verify: true },
    selfHandle: false,
    admitted: false,
    ...over,
  }
}

const big = (code: string, over: Partial<CategoryDef> = {}): CategoryDef => ({
  code,
  catalogue: 'city',
  zh: `大类${code}`,
  en: `Big class ${code}`,
  ...over,
})

const small = (code: string, over: Partial<CategoryDef> = {}): CategoryDef => ({
  code,
  catalogue: 'city',
  zh: `小类${code}`,
  en: `Small class ${code}`,
  standard: standard(),
  ...over,
})

const limits = (handle: Partial<FilingStandard['limits']['handle']>, other = {}) =>
  standard({ limits: { ...standard().limits, ...other, handle: { ...standard().limits.handle, ...handle } } })

describe('checkCatalogue', () => {
  it('passes a sound catalogue', () => {
    expect(checkCatalogue([big('06'), small('06001'), small('06002'), big('07'), small('07001')])).toEqual([])
  })

  it.each<[string, CategoryDef[], { kind: string; code: string; detail?: string }]>([
    ['a code of the wrong width', [big('06'), small('0601')], { kind: 'bad_code', code: '0601' }],
    [
      'a duplicate code',
      [big('06'), small('06001'), small('06001', { zh: '另一个', en: 'Another' })],
      { kind: 'duplicate_code', code: '06001' },
    ],
    [
      'a small class without its big class',
      [big('06'), small('07001')],
      { kind: 'missing_big_class', code: '07001', detail: '07' },
    ],
    [
      'a small class under another big class',
      [big('06'), big('07'), small('06001')],
      { kind: 'not_under_big_class', code: '06001', detail: '07' },
    ],
    [
      'a small class in another catalogue than its big class',
      [big('06'), small('06001', { catalogue: 'social' })],
      { kind: 'catalogue_mismatch', code: '06001', detail: 'city' },
    ],
    [
      'a small class without a standard',
      [big('06'), small('06001', { standard: undefined })],
      { kind: 'missing_standard', code: '06001' },
    ],
    [
      'a standard on a big class',
      [big('06', { standard: standard() }), small('06001')],
      { kind: 'standard_on_big_class', code: '06' },
    ],
    [
      'a zero handling limit',
      [big('06'), small('06001', { standard: limits({ urgent: { hours: 0 } }) })],
      { kind: 'non_positive_limit', code: '06001', detail: 'handle.urgent' },
    ],
    [
      'a negative acceptance limit',
      [big('06'), small('06001', { standard: limits({}, { accept: { days: -1 } }) })],
      { kind: 'non_positive_limit', code: '06001', detail: 'accept' },
    ],
    [
      'an urgent limit longer than the normal one',
      [big('06'), small('06001', { standard: limits({ urgent: { days: 1 } }) })],
      { kind: 'limits_not_tightening', code: '06001', detail: 'urgent' },
    ],
    [
      'an unknown department',
      [big('06'), small('06001', { standard: standard({ department: 'mayor' }) })],
      { kind: 'unknown_department', code: '06001', detail: 'mayor' },
    ],
    [
      'a malformed legacy code',
      [big('06'), small('06001', { legacy: ['0101'] })],
      { kind: 'bad_legacy', code: '06001', detail: '0101' },
    ],
    [
      'a legacy code used twice',
      [big('06'), small('06001', { legacy: ['E0101'] }), small('06002', { legacy: ['E0101'] })],
      { kind: 'duplicate_legacy', code: '06002', detail: 'E0101 (also 06001)' },
    ],
    [
      'a self-handled class not on the admitted list',
      [big('06'), small('06001', { standard: standard({ selfHandle: true, admitted: false }) })],
      { kind: 'self_handle_not_admitted', code: '06001' },
    ],
    [
      'an empty name',
      [big('06'), small('06001', { en: ' ' })],
      { kind: 'empty_name', code: '06001', detail: 'en' },
    ],
    [
      'a name repeated within a big class',
      [big('06'), small('06001', { zh: '暴露垃圾' }), small('06002', { zh: '暴露垃圾' })],
      { kind: 'duplicate_name', code: '06002', detail: 'zh (also 06001)' },
    ],
    [
      'a list field without values',
      [
        big('06'),
        small('06001', {
          fields: [{ key: 'state', zh: '状况', en: 'State', type: 'singlevaluelist', required: true }],
        }),
      ],
      { kind: 'bad_field', code: '06001', detail: 'state: no values' },
    ],
  ])('finds %s', (_, categories, problem) => {
    expect(checkCatalogue(categories)).toEqual([problem])
  })

  it('allows the same name under different big classes', () => {
    expect(
      checkCatalogue([big('06'), small('06001', { zh: '其他' }), big('07'), small('07001', { zh: '其他' })]),
    ).toEqual([])
  })

  it("accepts a deployment's own departments", () => {
    const catalogue = [big('90'), small('90001', { standard: standard({ department: 'mayor' }) })]
    expect(checkCatalogue(catalogue, [...DEPARTMENT_KEYS.map((d) => d.key), 'mayor'])).toEqual([])
  })
})

describe('limits', () => {
  it('tighten by urgency to usual steps', () => {
    expect(tighten(hours(4))).toEqual({ normal: hours(4), urgent: hours(2), critical: hours(1) })
    expect(tighten(hours(6))).toEqual({ normal: hours(6), urgent: hours(2), critical: hours(1) })
    expect(tighten(days(5))).toEqual({ normal: days(5), urgent: days(2), critical: days(1) })
    expect(tighten(days(15))).toEqual({ normal: days(15), urgent: days(7), critical: days(3) })
    expect(tighten(hours(1))).toEqual({ normal: hours(1), urgent: hours(0.5), critical: hours(0.5) })
  })

  it('of the hotline: 3 working days to answer a question or a request for help, 13 for a complaint', () => {
    const limit = Object.fromEntries(REQUEST_NATURES.map((n) => [n.key, n.limit]))
    expect(limit).toEqual({
      consultation: { days: 3 },
      help: { days: 3 },
      complaint: { days: 13 },
      report: { days: 13 },
      suggestion: { days: 13 },
    })
  })

  it('name each department once', () => {
    const keys = DEPARTMENT_KEYS.map((d) => d.key)
    expect(new Set(keys).size).toBe(keys.length)
  })
})
