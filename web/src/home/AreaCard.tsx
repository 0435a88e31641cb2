import { Card, Skeleton } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { CaseState } from '../cases/cases.api'
import { paramsOf } from '../cases/inbox/inboxQuery'
import { QueryError } from '../common/QueryError'
import { useFigureText } from '../stats/format'
import { type StatsRow, useStats } from '../stats/stats.api'
import { type Days, instantsOf } from './chinaTime'
import styles from './home.module.css'

/** The states that end the loop; every other state is still being worked on (办理中). */
const ENDED = new Set(['closed', 'rejected', 'merged', 'voided'])

export interface Area {
  /** A grid's code; none for the reader's whole scope. */
  code?: string
  name: string
}

/** The case list behind a figure: every queue, the area, the days reported in, perhaps a state. */
const listOf = (area: Area, days: Days, state?: CaseState) =>
  `/cases?${new URLSearchParams(paramsOf('all', { grid: area.code, from: days.first, to: days.last, state }))}`

function Figure({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <div className={styles.figure}>
      <div className={styles.label}>{label}</div>
      <div className={styles.figureValue} data-testid={testId}>
        {children}
      </div>
    </div>
  )
}

/** The figures of the cases reported in an area over some days: received, open, closed and two rates. */
function PeriodFigures({
  area,
  days,
  label,
  testId,
}: {
  area: Area
  days: Days
  label: string
  testId: string
}) {
  const { t } = useTranslation()
  const figure = useFigureText()
  const query = { ...instantsOf(days), grid: area.code }
  const total = useStats({ ...query, groupBy: 'none' })
  const byState = useStats({ ...query, groupBy: 'state' })
  // No case reported: the server answers no row at all.
  const whole: Partial<StatsRow> = total.data?.rows[0] ?? {}
  const states = byState.data?.rows ?? []
  const open = states.filter((r) => r.key !== null && !ENDED.has(r.key)).reduce((n, r) => n + r.received, 0)
  const closed = states.find((r) => r.key === 'closed')?.received ?? 0

  return (
    <div data-testid={testId}>
      <div className={styles.period}>{label}</div>
      <QueryError error={total.error ?? byState.error} />
      {total.isPending || byState.isPending ? (
        <Skeleton active title={false} paragraph={{ rows: 2 }} />
      ) : (
        <div className={styles.figures}>
          <Figure label={t('home.area.received')} testId={`${testId}-received`}>
            <Link to={listOf(area, days)}>{whole.received ?? 0}</Link>
          </Figure>
          <Figure label={t('home.area.open')} testId={`${testId}-open`}>
            {open}
          </Figure>
          <Figure label={t('home.area.closed')} testId={`${testId}-closed`}>
            <Link to={listOf(area, days, 'closed')}>{closed}</Link>
          </Figure>
          <Figure label={t('stats.figures.onTimeRate')} testId={`${testId}-onTimeRate`}>
            {figure('onTimeRate', whole.onTimeRate ?? null)}
          </Figure>
          <Figure label={t('stats.figures.satisfactionRate')} testId={`${testId}-satisfactionRate`}>
            {figure('satisfactionRate', whole.satisfactionRate ?? null)}
          </Figure>
        </div>
      )}
    </div>
  )
}

/** 我的区域: one area's figures for today and for this month, China time. */
export function AreaCard({ area, today, month }: { area: Area; today: Days; month: Days }) {
  const { t } = useTranslation()
  const testId = `area-${area.code ?? 'scope'}`
  return (
    <Card title={t('home.area.title', { name: area.name })} size="small" data-testid={testId}>
      <div className={styles.periods}>
        <PeriodFigures area={area} days={today} label={t('home.area.today')} testId={`${testId}-day`} />
        <PeriodFigures area={area} days={month} label={t('home.area.month')} testId={`${testId}-month`} />
      </div>
    </Card>
  )
}
