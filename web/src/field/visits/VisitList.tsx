import { List } from 'antd'
import { useTranslation } from 'react-i18next'
import { db } from '../db'
import styles from '../field.module.css'
import { mine } from '../owner'
import { SyncTag, stateOf } from '../SyncTag'
import { useLive } from '../useLive'

/** The visits recorded on this phone for one household or member, newest first, with their sync state. */
export function VisitList({ targetId }: { targetId: string }) {
  const { t } = useTranslation()
  const rows = useLive(
    async () => {
      const list = (await db.visits.where('targetId').equals(targetId).reverse().sortBy('visitedAt')).filter(
        mine,
      )
      return Promise.all(
        list.map(async (v) => ({
          ...v,
          sync: stateOf(await db.outbox.where('recordId').equals(v.id).toArray()),
        })),
      )
    },
    [targetId],
    [],
  )
  return (
    <List
      size="small"
      header={<strong>{t('field.visit.history')}</strong>}
      locale={{ emptyText: t('field.visit.none') }}
      dataSource={rows}
      renderItem={(v) => (
        <List.Item key={v.id} data-testid="visit-row">
          <List.Item.Meta
            title={`${new Date(v.visitedAt).toLocaleString()} · ${t(`field.visit.outcomes.${v.outcome}`)}`}
            description={
              <span className={styles.muted}>
                {v.notes ?? ''}
                {v.distanceM != null &&
                  ` ${t(v.atBuilding ? 'field.visit.atBuilding' : 'field.visit.away', { m: Math.round(v.distanceM) })}`}
              </span>
            }
          />
          <SyncTag state={v.sync} />
        </List.Item>
      )}
    />
  )
}
