import { Alert, Button, Card, Empty, List, Space } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { db, getMeta, type OutboxEntry } from '../db'
import styles from '../field.module.css'
import { problemText } from '../i18n'
import { retryEntry } from '../outbox'
import { mine } from '../owner'
import { SyncTag } from '../SyncTag'
import { syncNow } from '../sync/triggers'
import { useLive } from '../useLive'

const clock = (iso: string) =>
  new Date(iso).toLocaleString([], { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })

/** What an entry is, for the worker: a report's category and text, a number of points… */
function useLabel() {
  const { t } = useTranslation()
  const reports = useLive(
    async () => new Map((await db.reports.toArray()).map((r) => [r.id, r])),
    [],
    new Map(),
  )
  return (e: OutboxEntry) => {
    const kind = t(`field.outbox.kinds.${e.kind}`, {
      count: (e.body.points as unknown[] | undefined)?.length ?? 0,
    })
    const report = reports.get(e.recordId)
    return report ? `${kind} · ${report.categoryName} · ${report.description.slice(0, 40)}` : kind
  }
}

/** Another worker's unsent entries on this phone, counted per worker with their name when known. */
function useOthers() {
  return useLive(
    async () => {
      const names = (await getMeta<Record<string, string>>('workerNames')) ?? {}
      const counts = new Map<string, number>()
      for (const e of await db.outbox.toArray())
        if (!mine(e) && e.userId) counts.set(e.userId, (counts.get(e.userId) ?? 0) + 1)
      return [...counts].map(([userId, count]) => ({ userId, name: names[userId], count }))
    },
    [],
    [] as { userId: string; name?: string; count: number }[],
  )
}

/**
 * 待发送: the worker's unsent items, in the order they go, with their state and the server's reason
 * when held; retry. Another worker's items on this phone are counted apart: they wait for that worker.
 */
export function OutboxScreen() {
  const { t } = useTranslation()
  const entries = useLive(() => db.outbox.orderBy('seq').filter(mine).toArray(), [], [] as OutboxEntry[])
  const others = useOthers()
  const label = useLabel()
  const [sending, setSending] = useState(false)

  async function sendNow() {
    setSending(true)
    try {
      await syncNow()
    } finally {
      setSending(false)
    }
  }

  return (
    <Card
      size="small"
      title={t('field.outbox.title')}
      extra={
        <Button size="small" onClick={() => void sendNow()} loading={sending} disabled={entries.length === 0}>
          {t('field.outbox.sendNow')}
        </Button>
      }
      data-testid="outbox-screen"
    >
      <Alert type="info" showIcon title={t('field.outbox.keep')} className={styles.banner} />
      {others.map((o) => (
        <Alert
          key={o.userId}
          type="warning"
          showIcon
          className={styles.banner}
          data-testid="outbox-others"
          title={t('field.outbox.others', { name: o.name ?? t('field.outbox.someone'), count: o.count })}
        />
      ))}
      {entries.length === 0 ? (
        <Empty description={t('field.outbox.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          size="small"
          dataSource={entries}
          renderItem={(e) => (
            <List.Item key={e.id} data-testid="outbox-entry" data-kind={e.kind}>
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <div className={styles.row}>
                  <strong style={{ wordBreak: 'break-all' }}>{label(e)}</strong>
                  <SyncTag state={e.state} />
                </div>
                <span className={styles.muted}>
                  {clock(e.createdAt)}
                  {e.attempts > 0 ? ` · ${t('field.outbox.tries', { count: e.attempts })}` : ''}
                </span>
                {e.problem && (
                  <div className={styles.row}>
                    <span style={{ color: '#cf1322' }} data-testid="outbox-problem">
                      {t('field.outbox.why', { title: problemText(e.problem), code: e.problem.code })}
                    </span>
                    <Button size="small" onClick={() => e.seq !== undefined && void retryEntry(e.seq)}>
                      {t('field.outbox.retry')}
                    </Button>
                  </div>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  )
}
