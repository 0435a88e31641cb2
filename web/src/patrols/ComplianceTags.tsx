import { Space, Tag, Tooltip, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { type ComplianceDay, chinaToday } from './patrols.api'
import { percent, usePatrolText } from './patrolText'

/** 达标 / 未达标; a day without working time asks for nothing (休息日). */
export function MetTag({ day, testId }: { day: ComplianceDay; testId?: string }) {
  const { t } = useTranslation()
  if (day.workS === 0)
    return (
      <Tag data-testid={testId} data-met="rest">
        {t('patrols.restDay')}
      </Tag>
    )
  return (
    <Tag color={day.met ? 'green' : 'red'} data-testid={testId} data-met={String(day.met)}>
      {day.met ? t('patrols.met') : t('patrols.notMet')}
    </Tag>
  )
}

/** One rule's figure and whether it was met: "1 次（至少 1）✓". */
export function RuleFigure({ value, rule, met }: { value: string; rule: string; met: boolean }) {
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text type={met ? undefined : 'danger'} style={{ whiteSpace: 'nowrap' }}>
        {value}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
        {rule}
      </Typography.Text>
    </Space>
  )
}

/** The days of a week, Monday to Sunday, as small tiles: met, not met, day off, still to come. */
export function WeekStrip({
  days,
  selected,
  onPick,
}: {
  days: ComplianceDay[]
  selected?: string
  onPick?: (day: string) => void
}) {
  const { t } = useTranslation()
  const text = usePatrolText()
  const today = chinaToday()
  return (
    <Space size={2} data-testid="week-strip">
      {days.map((d, i) => {
        const state = d.day > today ? 'future' : d.workS === 0 ? 'rest' : d.met ? 'met' : 'notMet'
        const colour = { future: '#f5f5f5', rest: '#d9d9d9', met: '#52c41a', notMet: '#ff4d4f' }[state]
        const tip = `${d.day} ${t(`patrols.weekdays.${i}`)} · ${t(`patrols.dayStates.${state}`)} · ${t('patrols.patrolCount', { count: d.patrols })} · ${t('patrols.inGrid')} ${text.duration(d.inGridS)} (${percent(d.inGridShare)})`
        return (
          <Tooltip key={d.day} title={tip}>
            <button
              type="button"
              onClick={onPick ? () => onPick(d.day) : undefined}
              data-state={state}
              aria-label={tip}
              style={{
                width: 22,
                height: 22,
                border: d.day === selected ? '2px solid #1677ff' : '1px solid #fff',
                borderRadius: 4,
                background: colour,
                color: state === 'future' || state === 'rest' ? '#595959' : '#fff',
                fontSize: 11,
                padding: 0,
                cursor: onPick ? 'pointer' : 'default',
              }}
            >
              {t(`patrols.weekdays.${i}`)}
            </button>
          </Tooltip>
        )
      })}
    </Space>
  )
}

/** The week's tally: working days so far met, and patrols made. */
export function weekTally(days: ComplianceDay[]) {
  const today = chinaToday()
  const counted = days.filter((d) => d.workS > 0 && d.day <= today)
  return {
    met: counted.filter((d) => d.met).length,
    workdays: counted.length,
    patrols: days.reduce((n, d) => n + d.patrols, 0),
  }
}
