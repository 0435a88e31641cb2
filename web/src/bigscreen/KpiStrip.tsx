import { useTranslation } from 'react-i18next'
import type { Screen } from './bigscreen.api'
import styles from './bigscreen.module.css'
import { count, percent } from './format'

/** 今日上报 / 受理 / 办结, 结案率, 按期结案率, 在办, 超期, 满意率, 平均处置时长 for the period. */
export function KpiStrip({ kpi }: { kpi: Screen['kpi'] }) {
  const { t } = useTranslation()
  const tiles: [key: string, value: string, warn?: boolean][] = [
    ['reported', count(kpi.reported)],
    ['accepted', count(kpi.accepted)],
    ['closed', count(kpi.closed)],
    ['closingRate', percent(kpi.closingRate)],
    ['onTimeRate', percent(kpi.onTimeRate)],
    ['open', count(kpi.open)],
    ['overdue', count(kpi.overdue), kpi.overdue > 0],
    ['satisfactionRate', percent(kpi.satisfactionRate)],
    [
      'avgHandlingHours',
      kpi.avgHandlingHours === null
        ? '—'
        : t('bigscreen.kpi.hours', { value: kpi.avgHandlingHours.toFixed(1) }),
    ],
  ]
  return (
    <div className={styles.kpis} data-testid="kpi-strip">
      {tiles.map(([key, value, warn]) => (
        <div key={key} className={styles.kpi}>
          <div className={warn ? styles.kpiWarn : styles.kpiValue} data-testid={`kpi-${key}`}>
            {value}
          </div>
          <div className={styles.kpiLabel}>{t(`bigscreen.kpi.${key}`)}</div>
        </div>
      ))}
    </div>
  )
}
