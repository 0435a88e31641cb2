import { useTranslation } from 'react-i18next'
import { useLocalName } from '../i18n'
import type { Indicator, IndicatorUnit } from './assessment.api'
import { kindOf, partsOf } from './period'

/** A value as the ranking shows it: rates in per cent, hours and kilometres with their unit, none as —. */
export function useValueText() {
  const { t } = useTranslation()
  return (unit: IndicatorUnit | undefined, value: number | null | undefined) => {
    if (value === null || value === undefined) return '—'
    if (unit === 'rate') return `${(value * 100).toFixed(1)}%`
    if (unit === 'hours') return t('assessment.units.hours', { value: value.toFixed(1) })
    if (unit === 'km') return t('assessment.units.km', { value: value.toFixed(2) })
    if (unit === 'score') return String(Math.round(value * 100) / 100)
    return String(value)
  }
}

/** Scores and points as the server rounds them: two decimals. */
export const scoreText = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : n.toFixed(2)

/** A period in words: 2026年11月, 2026年第4季度, 2026年下半年, 2026年. */
export function usePeriodText() {
  const { t } = useTranslation()
  return (key: string) => {
    const kind = kindOf(key)
    const parts = partsOf(key)
    // 上半年 and 下半年 are words of their own, not a number.
    return t(kind === 'half' ? `assessment.periods.half${parts.n}` : `assessment.periods.${kind}`, parts)
  }
}

/** An indicator's name in the reader's language, by key, from the catalogue. */
export function useIndicatorName(catalogue: readonly Indicator[] | undefined) {
  const local = useLocalName()
  return (key: string) => {
    const found = catalogue?.find((i) => i.key === key)
    return found ? local(found.name.zh, found.name.en) : key
  }
}
