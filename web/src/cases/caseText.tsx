import { Badge, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CaseState, CaseSummary } from './cases.api'

/** Names a server key under `cases.<group>` in the reader's language, the key itself when unnamed here. */
export function useCaseName() {
  const { t, i18n } = useTranslation()
  return (group: string, key: string | null | undefined) => {
    if (!key) return '—'
    const path = `cases.${group}.${key}`
    return i18n.exists(path) ? t(path) : key
  }
}

export type Stage = 'accept' | 'handle' | 'verify'

// The states whose handling clock runs, as the server's presenter reads them (cases.presenter.ts).
const HANDLING: readonly CaseState[] = [
  'accepted',
  'dispatched',
  'in_progress',
  'reopened',
  'returned',
  'escalated',
]

/** The stage whose clock runs now, or null once the loop ended or while it is suspended. */
export function currentStage(state: CaseState): Stage | null {
  if (state === 'reported') return 'accept'
  if (state === 'handled') return 'verify'
  return HANDLING.includes(state) ? 'handle' : null
}

const STATE_COLORS: Partial<Record<CaseState, string>> = {
  reported: 'blue',
  accepted: 'cyan',
  dispatched: 'geekblue',
  returned: 'orange',
  in_progress: 'processing',
  handled: 'purple',
  verified: 'purple',
  reopened: 'orange',
  escalated: 'magenta',
  suspended: 'default',
  closed: 'success',
  rejected: 'default',
  merged: 'default',
  voided: 'default',
}

export function StateTag({ state }: { state: CaseState }) {
  const name = useCaseName()
  return (
    <Tag color={STATE_COLORS[state]} data-testid="case-state">
      {name('states', state)}
    </Tag>
  )
}

const LIGHT_COLORS = { green: '#52c41a', yellow: '#faad14', red: '#ff4d4f' } as const
type Light = NonNullable<CaseSummary['light']>

/** The traffic light of a stage's clock: a coloured dot and its meaning (正常 / 临期 / 超期). */
export function LightDot({ light, text }: { light: Light | null; text?: string }) {
  const name = useCaseName()
  if (!light) return <span>{text ?? '—'}</span>
  return (
    <Badge
      color={LIGHT_COLORS[light]}
      text={text ?? name('light', light)}
      title={name('light', light)}
      data-testid="case-light"
      data-light={light}
    />
  )
}
