import { Tag, Timeline, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormatTime } from '../common/format'
import { useDurationText } from './caseLoopText'
import type { CaseView, Department, Duration, TimelineEntry } from './cases.api'
import { useCaseName } from './caseText'

const COLORS: Record<string, string> = {
  close: 'green',
  self_handle: 'green',
  reject: 'red',
  void: 'red',
  comment: 'gray',
  revisit: 'gray',
}

const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null)
const strings = (value: unknown) =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
const duration = (value: unknown): Duration | null =>
  typeof value === 'object' && value !== null && ('hours' in value || 'days' in value)
    ? (value as Duration)
    : null

/** What happened, who did it in which role and when, with the texts: the whole trail 全程留痕. */
export function CaseTimeline({ c, departments }: { c: CaseView; departments: Department[] }) {
  const { t } = useTranslation()
  const formatTime = useFormatTime()
  const name = useCaseName()
  const durationText = useDurationText()
  const departmentName = (id: string) => departments.find((d) => d.id === id)?.name ?? id
  const departmentByCode = (code: string) => departments.find((d) => d.code === code)?.name ?? code
  const gridName = (code: string) => c.grids.find((g) => g.code === code)?.name ?? code

  /** What the action's data says, in words: where it was sent, the verdict, why. */
  const details = (e: TimelineEntry): ReactNode[] => {
    const lines: ReactNode[] = []
    const department = str(e.data.departmentId)
    const grid = str(e.data.grid)
    if (department) lines.push(t('cases.timeline.toDepartment', { name: departmentName(department) }))
    if (grid) lines.push(t('cases.timeline.toGrid', { name: gridName(grid) }))
    if (e.data.pass === true) lines.push(t('cases.timeline.passed'))
    if (e.data.pass === false) lines.push(t('cases.timeline.failed'))
    if (e.data.deferred === true) lines.push(t('cases.timeline.deferred'))
    const summoned = strings(e.data.departments)
    if (summoned.length > 0) {
      const lead = str(e.data.lead)
      const names = summoned.map((code) =>
        code === lead ? t('cases.timeline.lead', { name: departmentByCode(code) }) : departmentByCode(code),
      )
      lines.push(t('cases.timeline.summoned', { names: names.join(t('cases.timeline.separator')) }))
    }
    const asked = duration(e.data.duration)
    if (e.data.approved === true && asked)
      lines.push(t('cases.timeline.granted', { duration: durationText(asked) }))
    else if (e.data.approved === false) lines.push(t('cases.timeline.refused'))
    else if (asked) lines.push(t('cases.timeline.extendBy', { duration: durationText(asked) }))
    const grade = str(e.data.grade)
    if (grade) lines.push(name('supervision', grade))
    const reason = str(e.data.reason)
    if (reason) lines.push(t('cases.timeline.reason', { text: reason }))
    return lines
  }
  const failed = (e: TimelineEntry) => e.data.pass === false

  return (
    <Timeline
      data-testid="case-timeline"
      items={c.timeline.map((e, i) => ({
        key: `${e.at}-${i}`,
        color: failed(e) ? 'red' : (COLORS[e.action] ?? 'blue'),
        content: (
          <div data-testid="case-timeline-item">
            <div>
              <Typography.Text strong>{name('actions', e.action)}</Typography.Text>{' '}
              {e.from && e.from !== e.to ? (
                <Typography.Text type="secondary">
                  {name('states', e.from)} → {name('states', e.to)}
                </Typography.Text>
              ) : (
                e.from === null && <Typography.Text type="secondary">{name('states', e.to)}</Typography.Text>
              )}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {e.actor ?? t('cases.timeline.system')} · {name('roles', e.role)} · {formatTime(e.at)}
            </Typography.Text>
            {details(e).map((line, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the lines have no identity beyond their order
              <div key={j}>{line}</div>
            ))}
            {e.publicText && (
              <div>
                <Tag>{t('cases.timeline.publicText')}</Tag>
                {e.publicText}
              </div>
            )}
            {e.note && (
              <div>
                <Tag color="gold">{t('cases.timeline.note')}</Tag>
                {e.note}
              </div>
            )}
          </div>
        ),
      }))}
    />
  )
}
