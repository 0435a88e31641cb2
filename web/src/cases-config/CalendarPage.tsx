import { LeftOutlined, RightOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Col, Row, Space, Tooltip, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { QueryError } from '../common/QueryError'
import { useLanguage } from '../i18n'
import styles from './calendar.module.css'
import { type CalendarDay, useCalendar } from './config.api'
import { DayModal } from './DayModal'

const pad = (n: number) => String(n).padStart(2, '0')
const isoDate = (year: number, month: number, day: number) => `${year}-${pad(month + 1)}-${pad(day)}`

/** The cells of a month, Monday first: blanks before the 1st, then the days (weekend: Sa, Su). */
function monthCells(year: number, month: number) {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay()
  const length = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  const lead = (first + 6) % 7
  return [
    ...Array.from({ length: lead }, (_, i) => ({ key: `blank-${i}`, day: null })),
    ...Array.from({ length }, (_, i) => ({ key: isoDate(year, month, i + 1), day: i + 1 })),
  ].map((cell, i) => ({ ...cell, weekend: i % 7 >= 5 }))
}

function Month({
  year,
  month,
  days,
  onPick,
}: {
  year: number
  month: number
  days: Map<string, CalendarDay>
  onPick: (date: string) => void
}) {
  const { t } = useTranslation()
  const lang = useLanguage()
  const title = new Date(Date.UTC(year, month, 1)).toLocaleDateString(lang, {
    month: 'long',
    timeZone: 'UTC',
  })
  const weekdays = t('caseConfig.calendar.weekdays').split(',')
  return (
    <div className={styles.month}>
      <Typography.Text strong>{title}</Typography.Text>
      <div className={styles.grid}>
        {weekdays.map((w) => (
          <div key={w} className={styles.weekday}>
            {w}
          </div>
        ))}
        {monthCells(year, month).map(({ key, day, weekend }) => {
          if (day === null) return <div key={key} />
          const date = key
          const set = days.get(date)
          const kind = set?.kind ?? (weekend ? 'weekend' : 'workday-plain')
          const tip = set
            ? `${set.name} · ${t(`caseConfig.calendar.kinds.${set.kind}`)} · ${t(`caseConfig.calendar.sources.${set.source}`)}`
            : undefined
          return (
            <Tooltip key={date} title={tip}>
              <button
                type="button"
                className={`${styles.day} ${styles[kind] ?? ''}`}
                onClick={() => onPick(date)}
                data-testid={`day-${date}`}
              >
                {day}
                {set && <span className={`${styles.mark} ${styles[set.source] ?? ''}`} />}
              </button>
            </Tooltip>
          )
        })}
      </div>
    </div>
  )
}

/**
 * The next year, from November on (China time), when the State Council's arrangement for it is
 * usually published and deadlines start to reach into it; else null.
 */
function awaitedYear(now: Date): number | null {
  const china = new Date(now.getTime() + 8 * 3_600_000)
  return china.getUTCMonth() >= 10 ? china.getUTCFullYear() + 1 : null
}

/** From November on, a warning while next year's arrangement is not loaded, with a way to open it. */
function NextYearWarning({ shown, onShow }: { shown: number; onShow: (year: number) => void }) {
  const { t } = useTranslation()
  const awaited = awaitedYear(new Date())
  const next = useCalendar(awaited ?? 0, { enabled: awaited !== null })
  if (awaited === null || awaited === shown || !next.data || next.data.known) return null
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="calendar-next-year-missing"
      title={t('caseConfig.calendar.nextYearMissing', { year: awaited })}
      action={
        <Button size="small" onClick={() => onShow(awaited)}>
          {t('caseConfig.calendar.showYear', { year: awaited })}
        </Button>
      }
    />
  )
}

/** 工作日历: a year at a glance; click a date to set or clear the deployment's own day. */
export function CalendarPage() {
  const { t } = useTranslation()
  const [year, setYear] = useState(() => new Date().getFullYear())
  const [picked, setPicked] = useState<string | null>(null)
  const calendar = useCalendar(year)
  const days = new Map((calendar.data?.days ?? []).map((d) => [d.date, d]))

  return (
    <Card
      title={t('menu.calendar')}
      extra={
        <Space>
          <Button
            icon={<LeftOutlined />}
            onClick={() => setYear((y) => y - 1)}
            aria-label={t('caseConfig.calendar.previous')}
          />
          <Typography.Text strong data-testid="calendar-year">
            {year}
          </Typography.Text>
          <Button
            icon={<RightOutlined />}
            onClick={() => setYear((y) => y + 1)}
            aria-label={t('caseConfig.calendar.next')}
          />
        </Space>
      }
    >
      <QueryError error={calendar.error} />
      <NextYearWarning shown={year} onShow={setYear} />
      {calendar.data && !calendar.data.known && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('caseConfig.calendar.unknownYear', { year })}
        />
      )}
      <Space wrap size="large" style={{ marginBottom: 16 }}>
        {calendar.data && (
          <Typography.Text type="secondary">
            {t('caseConfig.calendar.shifts', {
              shifts: calendar.data.shifts.map(([start, end]) => `${start}–${end}`).join(', '),
            })}
          </Typography.Text>
        )}
        <span className={`${styles.legend} ${styles.holiday}`}>{t('caseConfig.calendar.kinds.holiday')}</span>
        <span className={`${styles.legend} ${styles.workday}`}>{t('caseConfig.calendar.kinds.workday')}</span>
        {(['shipped', 'file', 'database'] as const).map((s) => (
          <span key={s} className={styles.legendMark}>
            <span className={`${styles.mark} ${styles[s] ?? ''}`} /> {t(`caseConfig.calendar.sources.${s}`)}
          </span>
        ))}
      </Space>
      <Row gutter={[16, 16]}>
        {Array.from({ length: 12 }, (_, month) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the months of a year are fixed
          <Col key={month} xs={24} sm={12} lg={8} xl={6}>
            <Month year={year} month={month} days={days} onPick={setPicked} />
          </Col>
        ))}
      </Row>
      {picked && <DayModal date={picked} day={days.get(picked) ?? null} onClose={() => setPicked(null)} />}
    </Card>
  )
}
