import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Membership } from './groups.api'

const COLORS = ['default', 'blue', 'gold', 'orange', 'red'] as const

/** 关注程度 as a coloured tag: ordinary grey to highest red. */
export function AttentionTag({ level }: { level: number }) {
  const { t } = useTranslation()
  return <Tag color={COLORS[level - 1] ?? 'default'}>{t(`groups.attention.${level}`)}</Tag>
}

/** The next visit's day, red when overdue, orange when due this week. */
export function DueTag({ m }: { m: Pick<Membership, 'nextVisitDue' | 'dueState'> }) {
  const { t } = useTranslation()
  if (!m.nextVisitDue) return <span>—</span>
  const color = m.dueState === 'overdue' ? 'red' : m.dueState === 'due' ? 'orange' : 'default'
  return (
    <Tag color={color} data-testid={`due-${m.dueState}`}>
      {m.nextVisitDue}
      {m.dueState === 'overdue' || m.dueState === 'due' ? ` · ${t(`groups.dueState.${m.dueState}`)}` : ''}
    </Tag>
  )
}
