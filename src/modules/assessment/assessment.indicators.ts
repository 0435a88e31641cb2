import { EVENT_INDICATORS, type IndicatorCounts, ratio } from '../cases/cases.indicators'

/**
 * The indicators an assessment scheme may weigh 考核指标, each a formula over counts, written once:
 * the official event indicators (from cases.indicators.ts) over the events of the subject's grid, the
 * field-work indicators over what its workers recorded, and the scores entered by hand.
 */

/** What a worker did in a period, as counted from patrols, visits, the ledgers and their reports. */
export interface FieldCounts {
  /** Days with working time 应出勤天数, and those whose patrol rules were met 达标天数 (compliance_days). */
  workDays: number
  metDays: number
  /** Seconds of working time, on patrol, and on patrol inside the worker's grid. */
  workS: number
  patrolS: number
  inGridS: number
  /** Ended patrols, the sum of their coverage 覆盖率 (0–1 each), their metres. */
  patrols: number
  coverageSum: number
  distanceM: number
  /** Visits made 走访 (households and special-group members). */
  visits: number
  /** Visits under a care plan 走访周期, and those made within its interval after the visit before. */
  planVisits: number
  planVisitsOnTime: number
  /** Base-data records created 采集 and corrected 更正 (directly or by an accepted field proposal). */
  recordsCollected: number
  recordsCorrected: number
  /** Events the worker reported 上报, those decided (accepted or refused), and those filed 立案. */
  reports: number
  reportsDecided: number
  reportsFiled: number
}

export const NO_FIELD_WORK: FieldCounts = {
  workDays: 0,
  metDays: 0,
  workS: 0,
  patrolS: 0,
  inGridS: 0,
  patrols: 0,
  coverageSum: 0,
  distanceM: 0,
  visits: 0,
  planVisits: 0,
  planVisitsOnTime: 0,
  recordsCollected: 0,
  recordsCorrected: 0,
  reports: 0,
  reportsDecided: 0,
  reportsFiled: 0,
}

export function addFieldCounts(a: FieldCounts, b: FieldCounts): FieldCounts {
  const sum = { ...a }
  for (const k of Object.keys(b) as (keyof FieldCounts)[]) sum[k] = a[k] + b[k]
  return sum
}

/** The hand-entered scores 民主评议 and 电话抽查, 0–100 (absent: not entered). */
export interface Marks {
  review?: number
  spot_check?: number
}

/** Everything a subject's indicators are computed from. */
export interface SubjectCounts {
  events: IndicatorCounts & { handlingSeconds: number }
  field: FieldCounts
  marks: Marks
}

export type IndicatorUnit = 'rate' | 'count' | 'hours' | 'km' | 'score'

export interface IndicatorDef {
  key: string
  zh: string
  en: string
  unit: IndicatorUnit
  /** How it is computed, for the scheme editor and the exported sheets. */
  formulaZh: string
  /** The value, or null when there is nothing to measure (no events due, no working day …). */
  value: (c: SubjectCounts) => number | null
}

const hours = (s: number) => Math.round((s / 3600) * 100) / 100

const eventDefs: IndicatorDef[] = EVENT_INDICATORS.map((i) => ({
  key: i.key,
  zh: i.zh,
  en: i.en,
  unit: 'rate',
  formulaZh: `${i.zh}（本网格事件）`,
  value: (c: SubjectCounts) => ratio(c.events[i.numerator], c.events[i.denominator]),
}))

const fieldDefs: IndicatorDef[] = [
  {
    key: 'avgHandlingHours',
    zh: '平均处置时长',
    en: 'Mean handling time',
    unit: 'hours',
    formulaZh: '处置用时合计 ÷ 已处置事件数（小时）',
    value: (c) => (c.events.handled > 0 ? hours(c.events.handlingSeconds / c.events.handled) : null),
  },
  {
    key: 'patrolCompliance',
    zh: '巡查考勤达标率',
    en: 'Patrol compliance',
    unit: 'rate',
    formulaZh: '巡查达标天数 ÷ 应出勤天数',
    value: (c) => ratio(c.field.metDays, c.field.workDays),
  },
  {
    key: 'inGridRate',
    zh: '在格率',
    en: 'Time in grid',
    unit: 'rate',
    formulaZh: '在本网格内巡查时长 ÷ 工作时长',
    value: (c) => ratio(Math.min(c.field.inGridS, c.field.workS), c.field.workS),
  },
  {
    key: 'onlineRate',
    zh: '在线率',
    en: 'Online rate',
    unit: 'rate',
    formulaZh: '巡查在线时长 ÷ 工作时长',
    value: (c) => ratio(Math.min(c.field.patrolS, c.field.workS), c.field.workS),
  },
  {
    key: 'coverage',
    zh: '巡查覆盖率',
    en: 'Patrol coverage',
    unit: 'rate',
    formulaZh: '各次巡查覆盖率的平均',
    value: (c) => ratio(c.field.coverageSum, c.field.patrols),
  },
  {
    key: 'visitOnTimeRate',
    zh: '走访及时率',
    en: 'Visits on time',
    unit: 'rate',
    formulaZh: '按走访周期按时完成的重点人群走访 ÷ 重点人群走访次数',
    value: (c) => ratio(c.field.planVisitsOnTime, c.field.planVisits),
  },
  {
    key: 'reportAccuracy',
    zh: '上报准确率',
    en: 'Report accuracy',
    unit: 'rate',
    formulaZh: '上报后立案数 ÷ 上报后已受理或不予受理数',
    value: (c) => ratio(c.field.reportsFiled, c.field.reportsDecided),
  },
  {
    key: 'patrolHours',
    zh: '巡查时长',
    en: 'Hours on patrol',
    unit: 'hours',
    formulaZh: '巡查时长合计（小时）',
    value: (c) => hours(c.field.patrolS),
  },
  {
    key: 'inGridHours',
    zh: '在格时长',
    en: 'Hours in grid',
    unit: 'hours',
    formulaZh: '在本网格内巡查时长合计（小时）',
    value: (c) => hours(c.field.inGridS),
  },
  {
    key: 'patrolKm',
    zh: '巡查里程',
    en: 'Patrol distance',
    unit: 'km',
    formulaZh: '巡查里程合计（公里）',
    value: (c) => Math.round(c.field.distanceM / 10) / 100,
  },
  {
    key: 'visits',
    zh: '走访户次',
    en: 'Visits',
    unit: 'count',
    formulaZh: '走访次数（重点人群与住户）',
    value: (c) => c.field.visits,
  },
  {
    key: 'records',
    zh: '信息采集更新数',
    en: 'Records collected or corrected',
    unit: 'count',
    formulaZh: '新采集的台账记录数 + 更正数',
    value: (c) => c.field.recordsCollected + c.field.recordsCorrected,
  },
  {
    key: 'reportsFiled',
    zh: '有效上报数',
    en: 'Reports filed',
    unit: 'count',
    formulaZh: '本人上报且立案的事件数',
    value: (c) => c.field.reportsFiled,
  },
]

const markDefs: IndicatorDef[] = [
  {
    key: 'review',
    zh: '民主评议',
    en: 'Democratic review',
    unit: 'score',
    formulaZh: '居民与同事评议得分（0–100，人工录入）',
    value: (c) => c.marks.review ?? null,
  },
  {
    key: 'spotCheck',
    zh: '电话抽查',
    en: 'Telephone spot check',
    unit: 'score',
    formulaZh: '电话回访抽查得分（0–100，人工录入）',
    value: (c) => c.marks.spot_check ?? null,
  },
]

export const INDICATORS: readonly IndicatorDef[] = [...eventDefs, ...fieldDefs, ...markDefs]

const byKey = new Map(INDICATORS.map((d) => [d.key, d]))

export const indicatorOf = (key: string) => byKey.get(key)

/** Every indicator's value for one subject. */
export function indicatorValues(c: SubjectCounts): Record<string, number | null> {
  return Object.fromEntries(INDICATORS.map((d) => [d.key, d.value(c)]))
}
