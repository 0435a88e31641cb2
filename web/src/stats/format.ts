import { useTranslation } from 'react-i18next'
import { useLanguage, useLocalName } from '../i18n'
import type { Figure, StatsGroup, StatsRow } from './stats.api'

const RATES: readonly Figure[] = [
  'filingRate',
  'closingRate',
  'onTimeRate',
  'reworkRate',
  'extensionRate',
  'satisfactionRate',
]

/** A figure as the table shows it: rates in per cent, hours and ratings with decimals, none as —. */
export function useFigureText() {
  const lang = useLanguage()
  return (figure: Figure, value: number | null) => {
    if (value === null) return '—'
    if (RATES.includes(figure)) return `${(value * 100).toFixed(1)}%`
    if (figure === 'avgHandlingHours') return value.toFixed(1)
    if (figure === 'avgRating') return value.toFixed(2)
    return value.toLocaleString(lang)
  }
}

/** A group's name in the reader's language: a grid, department, class or state; else its key or 合计. */
export function useGroupName() {
  const { t } = useTranslation()
  const localName = useLocalName()
  return (row: StatsRow, group: StatsGroup) => {
    if (row.name) return localName(row.name.zh, row.name.en)
    if (row.key !== null) return row.key
    if (group === 'none') return t('stats.total')
    return t(
      group === 'child' || group === 'department' ? `stats.ungrouped.${group}` : 'stats.ungrouped.other',
    )
  }
}
