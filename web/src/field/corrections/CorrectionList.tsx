import { Alert, Button, List, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { db, type ProposalRecord } from '../db'
import styles from '../field.module.css'
import { mine } from '../owner'
import { SyncTag, stateOf } from '../SyncTag'
import { useLive } from '../useLive'
import { dismissConflict } from './queue'

const COLORS: Record<ProposalRecord['state'], string> = {
  queued: 'orange',
  applied: 'success',
  pending: 'processing',
  conflict: 'error',
}

/** The worker's corrections of some records, newest first: sync state, then what the server made of each. */
export function CorrectionList({ targetIds }: { targetIds: string[] }) {
  const { t } = useTranslation()
  const rows = useLive(
    async () => {
      const list = (
        await db.proposals.where('targetId').anyOf(targetIds).reverse().sortBy('createdAt')
      ).filter(mine)
      return Promise.all(
        list.map(async (p) => ({
          ...p,
          sync: stateOf(await db.outbox.where('recordId').equals(p.id).toArray()),
        })),
      )
    },
    [targetIds],
    [],
  )
  if (rows.length === 0) return null
  const names = (keys: string[]) =>
    keys.map((k) => t(`field.correction.fields.${k}`, { defaultValue: k })).join('、')
  return (
    <List
      size="small"
      header={<strong>{t('field.correction.list')}</strong>}
      dataSource={rows}
      renderItem={(p) => (
        <List.Item key={p.id} data-testid="correction-row" style={{ display: 'block' }}>
          <div className={styles.row}>
            <span>
              {p.label} · {names(Object.keys(p.changes))}
            </span>
            {p.state === 'queued' ? (
              <SyncTag state={p.sync} />
            ) : (
              <Tag color={COLORS[p.state]} data-testid="correction-state">
                {t(`field.correction.states.${p.state}`)}
              </Tag>
            )}
          </div>
          {p.state === 'conflict' && (
            <Alert
              type="warning"
              style={{ marginTop: 6 }}
              data-testid="correction-conflict"
              title={t('field.correction.conflict', { fields: names(p.fields?.server ?? []) })}
              description={
                <>
                  {p.fields?.hard.length ? (
                    <div>{t('field.correction.conflictHard', { fields: names(p.fields.hard) })}</div>
                  ) : null}
                  <Button size="small" style={{ marginTop: 6 }} onClick={() => void dismissConflict(p.id)}>
                    {t('field.correction.dismiss')}
                  </Button>
                </>
              }
            />
          )}
        </List.Item>
      )}
    />
  )
}
