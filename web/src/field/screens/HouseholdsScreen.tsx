import { Alert, Card, Input, List, Segmented } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { db, getMeta, type LedgerCopy } from '../db'
import styles from '../field.module.css'
import { go } from '../nav'
import { useLive } from '../useLive'
import { BuildingsMapView } from './BuildingsMapView'
import { type HouseholdView, householdTitle } from './householdView'

/** What a search may match: the number, the masked place and names. */
function searchable(row: LedgerCopy): string {
  return JSON.stringify(row.view).toLowerCase()
}

function subtitle(row: LedgerCopy, people: (count: number) => string): string {
  const v = row.view as HouseholdView
  const head = v.members?.find((m) => m.personId === v.headPersonId)?.name
  const members = v.members?.length
  return [v.number, head, members !== undefined ? people(members) : undefined].filter(Boolean).join(' · ')
}

/**
 * 住户查询: the households of my grids from the phone's masked copy (filled by the sync feed), searched
 * offline as a list, or found by their building on the map.
 */
export function HouseholdsScreen() {
  const { t } = useTranslation()
  const [query, setQuery] = useState('')
  const [view, setView] = useState<'list' | 'map'>('list')
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
    <Card
      size="small"
      title={t('field.households.title')}
      data-testid="households-screen"
      extra={
        <Segmented
          size="small"
          value={view}
          onChange={(v) => setView(v as 'list' | 'map')}
          options={[
            { value: 'list', label: t('field.households.list') },
            {
              value: 'map',
              label: <span data-testid="households-map-toggle">{t('field.households.map')}</span>,
            },
          ]}
        />
      }
    >
      {view === 'map' ? (
        <BuildingsMapView />
      ) : (
        <>
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
              title={
                state.state === 'unavailable' ? t('field.households.notYet') : t('field.households.never')
              }
            />
          ) : (
            <List
              size="small"
              dataSource={rows}
              locale={{ emptyText: t('field.households.empty') }}
              renderItem={(row) => (
                <List.Item
                  key={row.id}
                  data-testid="household-row"
                  onClick={() => go('households', row.id)}
                  style={{ cursor: 'pointer' }}
                >
                  <List.Item.Meta
                    title={householdTitle(row)}
                    description={subtitle(row, (count) => t('field.households.people', { count }))}
                  />
                </List.Item>
              )}
            />
          )}
        </>
      )}
      <div className={styles.muted} style={{ marginTop: 8 }}>
        {t('field.households.masked')}
      </div>
    </Card>
  )
}
