import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useGroupName } from './format'
import type { StatsGroup, StatsRow } from './stats.api'
import styles from './stats.module.css'

/** The groups shown in the chart: the largest by cases received. */
const SHOWN = 12

/** 受理 and 结案 per group as horizontal bars: no chart library for two figures. */
export function StatsBars({ rows, group }: { rows: readonly StatsRow[]; group: StatsGroup }) {
  const { t } = useTranslation()
  const groupName = useGroupName()
  const largest = [...rows].sort((a, b) => b.received - a.received).slice(0, SHOWN)
  const max = Math.max(1, ...largest.map((r) => r.received))
  if (largest.length === 0) return null
  return (
    <figure className={styles.chart} data-testid="stats-chart">
      <figcaption className={styles.legend}>
        <span className={`${styles.swatch} ${styles.received}`} /> {t('stats.figures.received')}
        <span className={`${styles.swatch} ${styles.closed}`} /> {t('stats.figures.closed')}
        {rows.length > SHOWN && (
          <Typography.Text type="secondary"> · {t('stats.chartTop', { count: SHOWN })}</Typography.Text>
        )}
      </figcaption>
      {largest.map((row) => (
        <div key={row.key ?? '∅'} className={styles.bar}>
          <span className={styles.label} title={groupName(row, group)}>
            {groupName(row, group)}
          </span>
          <span className={styles.track}>
            <span
              className={`${styles.fill} ${styles.received}`}
              style={{ width: `${(row.received / max) * 100}%` }}
            />
            <span
              className={`${styles.fill} ${styles.closed}`}
              style={{ width: `${(row.closed / max) * 100}%` }}
            />
          </span>
          <span className={styles.value}>
            {row.closed} / {row.received}
          </span>
        </div>
      ))}
    </figure>
  )
}
