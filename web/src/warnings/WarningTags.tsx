import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { useCan } from '../auth/auth.api'
import { useGrid } from '../grids/grids.api'
import type { Warning } from './warnings.api'
import { codeOfPath } from './warningText'

export function LevelTag({ level }: { level: Warning['level'] }) {
  const { t } = useTranslation()
  return (
    <Tag color={level === 'red' ? 'red' : 'gold'} style={{ marginInlineEnd: 0 }} data-testid="warning-level">
      {t(`warnings.levels.${level}`)}
    </Tag>
  )
}

/** The rule's name in the reader's language; an unknown rule shows as the server names it. */
export function RuleTag({ rule }: { rule: string }) {
  const { t, i18n } = useTranslation()
  const key = `warnings.rules.${rule}`
  return (
    <Tag color="blue" style={{ marginInlineEnd: 0 }}>
      {i18n.exists(key) ? t(key) : rule}
    </Tag>
  )
}

export function StateTag({ state }: { state: Warning['state'] }) {
  const { t } = useTranslation()
  const color = {
    open: 'orange',
    converting: 'processing',
    acknowledged: 'blue',
    dismissed: 'default',
    converted: 'green',
    supervised: 'purple',
    resolved: 'default',
  }[state]
  return (
    <Tag color={color} style={{ marginInlineEnd: 0 }} data-testid={`warning-state-${state}`}>
      {t(`warnings.states.${state}`)}
    </Tag>
  )
}

/** The grid a warning concerns, by name for readers of grids (the same query is shared across rows). */
export function GridPlace({ path }: { path: string }) {
  const { t } = useTranslation()
  const can = useCan()
  const code = path ? codeOfPath(path) : null
  const grid = useGrid(can('grid.read') ? code : null)
  if (!code) return <>{t('warnings.place.whole')}</>
  return <>{grid.data?.name ?? code}</>
}
