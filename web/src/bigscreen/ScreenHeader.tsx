import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { PERIODS, type Period, type Screen } from './bigscreen.api'
import styles from './bigscreen.module.css'

function useNow(everyMs: number) {
  const [now, setNow] = useState(() => new Date())
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs)
    return () => clearInterval(timer)
  }, [everyMs])
  return now
}

const CLOCK = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
})

/**
 * The header: where the screen is (the breadcrumb, each step a way back up, and a drill-down into
 * the next level), the title, the period switch, the time and the way back to the desk.
 */
export function ScreenHeader({
  scope,
  period,
  onScope,
  onPeriod,
}: {
  scope: Screen['scope'] | undefined
  period: Period
  onScope: (code: string | null) => void
  onPeriod: (period: Period) => void
}) {
  const { t } = useTranslation()
  const now = useNow(1000)
  const crumbs = scope?.breadcrumb ?? []
  const nameOf = (step: { code: string | null; name: string }) =>
    step.code === null ? t('bigscreen.wholeArea') : step.name
  return (
    <header className={styles.header}>
      <nav className={styles.crumbs} data-testid="screen-breadcrumb" aria-label="breadcrumb">
        {crumbs.map((step, i) =>
          i === crumbs.length - 1 ? (
            <span
              key={step.code ?? 'all'}
              className={styles.crumbHere}
              data-testid="crumb"
              data-code={step.code ?? ''}
            >
              {nameOf(step)}
            </span>
          ) : (
            <button
              type="button"
              key={step.code ?? 'all'}
              className={styles.crumb}
              data-testid="crumb"
              data-code={step.code ?? ''}
              onClick={() => onScope(step.code)}
            >
              {nameOf(step)}
            </button>
          ),
        )}
        {scope && scope.children.length > 0 && (
          <select
            className={styles.drill}
            aria-label={t('bigscreen.drill')}
            data-testid="drill-select"
            value=""
            onChange={(e) => e.target.value && onScope(e.target.value)}
          >
            <option value="">{t('bigscreen.drill')} ▾</option>
            {scope.children.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </nav>
      <h1 className={styles.title}>{t('bigscreen.title')}</h1>
      <div className={styles.tools}>
        <div className={styles.periods}>
          {PERIODS.map((p) => (
            <button
              type="button"
              key={p}
              aria-pressed={p === period}
              className={p === period ? styles.periodOn : styles.periodButton}
              data-testid={`period-${p}`}
              onClick={() => onPeriod(p)}
            >
              {t(`bigscreen.period.${p}`)}
            </button>
          ))}
        </div>
        <span className={styles.clock}>{CLOCK.format(now)}</span>
        <Link to="/" className={styles.back}>
          {t('bigscreen.back')}
        </Link>
      </div>
    </header>
  )
}
