import { Alert, Card, List, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { cached } from '../db'
import styles from '../field.module.css'
import { go } from '../nav'
import { SyncTag } from '../SyncTag'
import type { UNAVAILABLE } from '../sync/today'
import { useLive } from '../useLive'
import type { Door } from './doors.types'
import { type Recorded, recordedAt } from './recorded'

/** 入户任务: today's doors of my campaigns (kept for offline use), each with what this phone recorded there. */
export function DoorsScreen() {
  const { t } = useTranslation()
  const doors = useLive(() => cached<{ items: Door[] } | typeof UNAVAILABLE>('doors'), [], undefined)
  const items = doors?.value && 'items' in doors.value ? doors.value.items : []
  const recorded = useLive(() => recordedAt(items), [items], new Map<string, Recorded>())
  const campaigns = [...new Set(items.map((d) => d.campaignTitle))]

  return (
    <Card size="small" title={t('field.doors.title')} data-testid="doors-screen">
      {items.length === 0 ? (
        <Alert type="info" showIcon title={t('field.doors.none')} />
      ) : (
        <div className={styles.muted} style={{ marginBottom: 8 }}>
          {t('field.doors.count', { count: items.filter((d) => !recorded.has(d.id)).length })}
        </div>
      )}
      {campaigns.map((title) => (
        <List
          key={title}
          size="small"
          header={<strong>{title}</strong>}
          dataSource={items.filter((d) => d.campaignTitle === title)}
          renderItem={(door) => {
            const done = recorded.get(door.id)
            return (
              <List.Item
                key={door.id}
                data-testid="door-row"
                onClick={() => go('doors', door.id)}
                style={{ cursor: 'pointer' }}
              >
                <List.Item.Meta
                  title={door.label}
                  description={`${door.grid.name}${door.attempts ? ` · ${t('field.doors.attempts', { count: door.attempts })}` : ''}`}
                />
                {done ? (
                  <span style={{ display: 'flex', gap: 4 }}>
                    <Tag>{t(`field.doors.outcomes.${done.outcome}`)}</Tag>
                    <SyncTag state={done.sync} />
                  </span>
                ) : (
                  <Tag color="blue">{t('field.doors.open')}</Tag>
                )}
              </List.Item>
            )
          }}
        />
      ))}
    </Card>
  )
}
