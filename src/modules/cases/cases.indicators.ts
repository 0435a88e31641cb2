/**
 * The official event indicators 事件指标, each a formula over the counts the statistics and the
 * rollup keep, written once: the statistics page, the workbench, the big screen and the assessment
 * schemes all compute them here. A rate with nothing to divide by is null (shown as "—"), never 0.
 */

/** The counts the indicators are made of (a statistics row's, a rollup sum's). */
export interface IndicatorCounts {
  received: number
  filed: number
  due: number
  closed: number
  onTime: number
  handled: number
  reworked: number
  extended: number
  rated: number
  satisfied: number
}

type Count = keyof IndicatorCounts

/** An indicator: its names, and the share `numerator / denominator` (both counts). */
export interface RateIndicator {
  key: string
  zh: string
  en: string
  numerator: Count
  denominator: Count
  /** Lower is better (rework, extensions): rankings and assessment scores read it the other way. */
  lowerIsBetter?: boolean
}

export const EVENT_INDICATORS = [
  { key: 'filingRate', zh: '立案率', en: 'Filing rate', numerator: 'filed', denominator: 'received' },
  { key: 'closingRate', zh: '结案率', en: 'Closing rate', numerator: 'closed', denominator: 'due' },
  {
    key: 'onTimeRate',
    zh: '按期结案率',
    en: 'On-time closing rate',
    numerator: 'onTime',
    denominator: 'due',
  },
  {
    key: 'reworkRate',
    zh: '返工率',
    en: 'Rework rate',
    numerator: 'reworked',
    denominator: 'handled',
    lowerIsBetter: true,
  },
  {
    key: 'extensionRate',
    zh: '延期率',
    en: 'Extension rate',
    numerator: 'extended',
    denominator: 'filed',
    lowerIsBetter: true,
  },
  {
    key: 'satisfactionRate',
    zh: '满意率',
    en: 'Satisfaction rate',
    numerator: 'satisfied',
    denominator: 'rated',
  },
] as const satisfies readonly RateIndicator[]

export type EventIndicatorKey = (typeof EVENT_INDICATORS)[number]['key']

/** A share to four decimals (0.3333), or null when the denominator is 0. */
export const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null)

/** Every event indicator of a set of counts. */
export function eventIndicators(c: IndicatorCounts): Record<EventIndicatorKey, number | null> {
  return Object.fromEntries(
    EVENT_INDICATORS.map((i) => [i.key, ratio(c[i.numerator], c[i.denominator])]),
  ) as Record<EventIndicatorKey, number | null>
}
