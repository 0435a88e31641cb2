import { Alert, Card, Input, List } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { db, getMeta, type LedgerCopy } from '../db'
import styles from '../field.module.css'
import { useLive } from '../useLive'

/** The words of a masked household view that a search may match (address, head, door). */
function searchable(row: LedgerCopy): string {
  return Object.values(row.view)
    .filter((v) => typeof v === 'string' || typeof v === 'number')
    .join(' ')
    .toLowerCase()
}

function title(row: LedgerCopy): string {
  const v = row.view as { address?: string; name?: string; label?: string; no?: string }
  return v.address ?? v.label ?? v.name ?? v.no ?? row.id
}

function subtitle(row: LedgerCopy): string {
  const v = row.view as {
    head?: { name?: string } | string
    headName?: string
    memberCount?: number
    members?: unknown[]
  }
  const head = typeof v.head === 'string' ? v.head : (v.head?.name ?? v.headName)
  const members = v.memberCount ?? v.members?.length
  return [head, members !== undefined ? `${members} 人` : undefined].filter(Boolean).join(' · ')
}

/** 住户查询: the households of my grids from the phone's masked copy (filled by the sync feed), searched offline. */
export function HouseholdsScreen() {
  const { t } = useTranslation()
  const [query, setQuery] = useState('')
  const count = useLive(() => db.households.count(), [], 0)
  const state = useLive(
    async () => ({ state: await getMeta<string>('sync.state'), at: await getMeta<string>('sync.at') }),
    [],
    {
      state: undefined as string | undefined,
      at: undefined as string | undefined,
    },
  )
  const rows = useLive(
    async () => {
      const q = query.trim().toLowerCase()
      const all = await db.households.orderBy('gridPath').toArray()
      return (q ? all.filter((row) => searchable(row).includes(q)) : all).slice(0, 100)
    },
    [query],
    [] as LedgerCopy[],
  )

  return (
    <Card size="small" title={t('field.households.title')} data-testid="households-screen">
      <Input.Search
        allowClear
        placeholder={t('field.households.search')}
        onChange={(e) => setQuery(e.target.value)}
      />
      <div className={styles.muted} style={{ margin: '8px 0' }}>
        {t('field.households.count', { count })}
        {state.at
          ? ` · ${t('field.households.syncedAt', { time: new Date(state.at).toLocaleString() })}`
          : ''}
      </div>
      {count === 0 && state.state !== 'ok' ? (
        <Alert
          type="info"
          showIcon
          title={state.state === 'unavailable' ? t('field.households.notYet') : t('field.households.never')}
        />
      ) : (
        <List
          size="small"
          dataSource={rows}
          locale={{ emptyText: t('field.households.empty') }}
          renderItem={(row) => (
            <List.Item key={row.id} data-testid="household-row">
              <List.Item.Meta title={title(row)} description={subtitle(row)} />
            </List.Item>
          )}
        />
      )}
      <div className={styles.muted} style={{ marginTop: 8 }}>
        {t('field.households.masked')}
      </div>
    </Card>
  )
}
