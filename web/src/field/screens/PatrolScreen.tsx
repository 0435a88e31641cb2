import { App, Button, Card, List, Popconfirm, Tag } from 'antd'
import { lazy, Suspense, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { db } from '../db'
import styles from '../field.module.css'
import { go } from '../nav'
import { queuePatrolEnd, queuePatrolStart } from '../outbox'
import { mine } from '../owner'
import { flushed, follow, stop, subscribe, type TrackerState, trackerState } from '../patrol/tracker'
import { SyncTag, stateOf } from '../SyncTag'
import { useLive } from '../useLive'

/** MapLibre (~1 MB) comes only with this screen's map, never with the rest of the app. */
const TrackMap = lazy(() => import('./TrackMap'))

const clock = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })

function elapsed(fromIso: string, toMs: number) {
  const s = Math.max(0, Math.round((toMs - Date.parse(fromIso)) / 1000))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  return `${h > 0 ? `${h}:` : ''}${String(m).padStart(h > 0 ? 2 : 1, '0')}:${String(s % 60).padStart(2, '0')}`
}

function useTracker(): TrackerState {
  const [state, setState] = useState(trackerState)
  useEffect(() => subscribe(setState), [])
  return state
}

function useNow(periodMs: number) {
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), periodMs)
    return () => window.clearInterval(timer)
  }, [periodMs])
  return now
}

/** 巡查: start, the running patrol's figures and gaps, its track on a map, end; recent patrols with their state. */
export function PatrolScreen() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const tracker = useTracker()
  const now = useNow(1000)
  const running = useLive(
    async () => (await db.patrols.where('state').equals('running').toArray()).find(mine),
    [],
    undefined,
  )
  const track = useLive(
    async () => (running ? await db.points.where('patrolId').equals(running.id).sortBy('seq') : []),
    [running?.id],
    [],
  )
  const recent = useLive(
    async () => {
      const rows = (await db.patrols.orderBy('startedAt').reverse().filter(mine).limit(5).toArray()).filter(
        (p) => p.state === 'ended',
      )
      return Promise.all(
        rows.map(async (p) => ({
          ...p,
          sync: stateOf(await db.outbox.where('recordId').equals(p.id).toArray()),
        })),
      )
    },
    [],
    [],
  )
  const [busy, setBusy] = useState(false)

  async function start() {
    setBusy(true)
    try {
      const id = await queuePatrolStart()
      await follow(id)
    } finally {
      setBusy(false)
    }
  }

  async function end() {
    if (!running) return
    setBusy(true)
    try {
      await flushed()
      stop()
      await queuePatrolEnd(running.id)
      message.success(t('field.patrol.ended'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div data-testid="patrol-screen">
      <Card
        size="small"
        title={t('field.patrol.title')}
        extra={running ? <Tag color="processing">{t('field.patrol.running')}</Tag> : null}
        className={styles.card}
      >
        {running ? (
          <>
            <div className={styles.figures}>
              <div className={styles.figure}>
                <div className={styles.figureLabel}>{t('field.patrol.points')}</div>
                <div className={styles.figureValue} data-testid="patrol-points">
                  {running.nextSeq}
                </div>
              </div>
              <div className={styles.figure}>
                <div className={styles.figureLabel}>{t('field.patrol.elapsed')}</div>
                <div className={styles.figureValue}>{elapsed(running.startedAt, now)}</div>
              </div>
              <div className={styles.figure}>
                <div className={styles.figureLabel}>{t('field.patrol.accuracy')}</div>
                <div className={styles.figureValue}>
                  {tracker.fix?.acc !== undefined
                    ? t('field.patrol.accuracyValue', { m: Math.round(tracker.fix.acc) })
                    : '–'}
                </div>
              </div>
            </div>
            {tracker.error === 'denied' && <div style={{ color: '#ff4d4f' }}>{t('field.patrol.denied')}</div>}
            {!tracker.fix && !tracker.error && <div className={styles.muted}>{t('field.patrol.noFix')}</div>}
            <div className={styles.muted} data-testid="wake-lock">
              {tracker.awake ? t('field.patrol.awake') : t('field.patrol.notAwake')}
            </div>
            {running.gaps.length > 0 && (
              <div style={{ marginTop: 8 }} data-testid="patrol-gaps">
                <strong>{t('field.patrol.gaps')}</strong>
                {running.gaps.map((g) => (
                  <div key={g.from}>
                    <Tag color="warning">
                      {t('field.patrol.gap', { from: clock(g.from), to: clock(g.to) })}
                    </Tag>
                  </div>
                ))}
              </div>
            )}
            <div className={styles.muted} style={{ marginTop: 8 }}>
              {t('field.patrol.gapHint')}
            </div>
            <div className={styles.row} style={{ marginTop: 12 }}>
              <Button onClick={() => go('report')}>{t('field.patrol.report')}</Button>
              <Popconfirm title={t('field.patrol.endConfirm')} onConfirm={() => void end()}>
                <Button danger type="primary" loading={busy} data-testid="patrol-end">
                  {t('field.patrol.end')}
                </Button>
              </Popconfirm>
            </div>
            <div className={styles.map}>
              <Suspense fallback={null}>
                <TrackMap points={track} gaps={running.gaps} />
              </Suspense>
            </div>
          </>
        ) : (
          <>
            <p className={styles.muted}>{t('field.patrol.none')}</p>
            <Button
              type="primary"
              block
              size="large"
              loading={busy}
              onClick={() => void start()}
              data-testid="patrol-start"
            >
              {t('field.patrol.start')}
            </Button>
          </>
        )}
      </Card>
      {recent.length > 0 && (
        <Card size="small" title={t('field.patrol.history')} className={styles.card}>
          <List
            size="small"
            dataSource={recent}
            renderItem={(p) => {
              const server = p.server as
                | { distanceM?: number; inGridS?: number; durationS?: number }
                | undefined
              return (
                <List.Item key={p.id} data-testid="patrol-row">
                  <List.Item.Meta
                    title={`${clock(p.startedAt)} – ${p.endedAt ? clock(p.endedAt) : ''}`}
                    description={
                      server?.distanceM !== undefined
                        ? t('field.patrol.figures', {
                            km: (server.distanceM / 1000).toFixed(2),
                            minutes: Math.round((server.inGridS ?? 0) / 60),
                          })
                        : `${p.nextSeq} ${t('field.patrol.points')}`
                    }
                  />
                  <SyncTag state={p.sync} />
                </List.Item>
              )
            }}
          />
        </Card>
      )}
    </div>
  )
}
