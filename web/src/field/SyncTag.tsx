import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { OutboxEntry } from './db'

export type RecordState = 'pending' | 'syncing' | 'synced' | 'attention'

/** A record's state from its outbox entries: the worst one wins; none left means synced. */
export function stateOf(entries: OutboxEntry[]): RecordState {
  if (entries.some((e) => e.state === 'attention')) return 'attention'
  if (entries.some((e) => e.state === 'syncing')) return 'syncing'
  if (entries.length > 0) return 'pending'
  return 'synced'
}

const COLORS: Record<RecordState, string> = {
  pending: 'orange',
  syncing: 'processing',
  synced: 'success',
  attention: 'error',
}

/** 待发送 / 发送中 / 已同步 / 需处理 beside a record. */
export function SyncTag({ state }: { state: RecordState }) {
  const { t } = useTranslation()
  return (
    <Tag color={COLORS[state]} data-testid="sync-state" data-state={state} style={{ marginInlineEnd: 0 }}>
      {t(`field.state.${state}`)}
    </Tag>
  )
}
