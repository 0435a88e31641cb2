import { Alert, Button, Card, List, Segmented, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { cached, db } from '../db'
import type { Door } from '../doors/doors.types'
import { recordedAt } from '../doors/recorded'
import styles from '../field.module.css'
import { type Language, setLanguage } from '../i18n'
import { go } from '../nav'
import { mine } from '../owner'
import { SyncTag, stateOf } from '../SyncTag'
import { type Me, signOut } from '../session'
import type { UNAVAILABLE } from '../sync/today'
import { useLive } from '../useLive'

interface ComplianceDay {
  day: string
  patrols: number
  inGridShare: number | null
  patrolsMet: boolean
  inGridMet: boolean
  met: boolean
  rules: { minPatrolsPerDay: number; minInGridShare: number }
}
interface Compliance {
  day: ComplianceDay
  week: { days: ComplianceDay[]; met: boolean }
}
interface CaseItem {
  id: string
  no: string
  description: string
  address: string | null
  category: { zh: string; en: string }
  light: 'green' | 'yellow' | 'red' | null
}
interface DueVisits {
  overdue: number
  items: {
    id: string
    person: { name: string }
    grid: { name: string }
    groupCode: string
    nextVisitDue: string | null
    dueState: string
  }[]
}
type Maybe<T> = T | typeof UNAVAILABLE

const isAvailable = <T,>(value: Maybe<T> | undefined): value is T =>
  value !== undefined && !(value as { unavailable?: boolean }).unavailable

const clock = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })

/** 今日: my patrol, my targets, cases awaiting me, due visits, my recent reports, and "me". */
export function TodayScreen({ me, unsent }: { me: Me; unsent: number }) {
  const { t, i18n } = useTranslation()
  const en = i18n.language === 'en-US'
  const running = useLive(
    async () => (await db.patrols.where('state').equals('running').toArray()).find(mine),
    [],
    undefined,
  )
  const compliance = useLive(() => cached<Maybe<Compliance>>('compliance'), [], undefined)
  const cases = useLive(() => cached<Maybe<{ items: CaseItem[] }>>('cases'), [], undefined)
  const visits = useLive(() => cached<Maybe<DueVisits>>('visits'), [], undefined)
  const doors = useLive(
    async () => {
      const list = await cached<Maybe<{ items: Door[] }>>('doors')
      if (!isAvailable(list?.value)) return null
      const recorded = await recordedAt(list.value.items)
      return { at: list?.at, open: list.value.items.filter((d) => !recorded.has(d.id)).length }
    },
    [],
    null,
  )
  const conflicts = useLive(() => db.proposals.where('state').equals('conflict').filter(mine).count(), [], 0)
  const reports = useLive(
    async () => {
      const rows = await db.reports.orderBy('createdAt').reverse().filter(mine).limit(5).toArray()
      return Promise.all(
        rows.map(async (r) => ({
          ...r,
          state: stateOf(await db.outbox.where('recordId').equals(r.id).toArray()),
        })),
      )
    },
    [],
    [],
  )

  const updated = (row: { at: string } | undefined) => (
    <span className={styles.muted}>
      {row ? t('field.today.updatedAt', { time: clock(row.at) }) : t('field.today.neverLoaded')}
    </span>
  )
  const day = isAvailable(compliance?.value) ? compliance.value.day : null
  const week = isAvailable(compliance?.value) ? compliance.value.week : null

  return (
    <div data-testid="today">
      <h2 style={{ margin: '4px 0 12px', fontSize: 20 }}>
        {t('field.today.hello', { name: me.displayName })}
      </h2>

      <Card size="small" title={t('field.today.patrol')} className={styles.card} data-testid="today-patrol">
        <div className={styles.row}>
          <span>
            {running ? t('field.today.running', { count: running.nextSeq }) : t('field.today.notRunning')}
          </span>
          <Button type={running ? 'default' : 'primary'} onClick={() => go('patrol')}>
            {running ? t('field.today.open') : t('field.today.start')}
          </Button>
        </div>
      </Card>

      {conflicts > 0 && (
        <Alert
          type="warning"
          showIcon
          className={styles.banner}
          data-testid="today-conflicts"
          title={t('field.correction.conflicts', { count: conflicts })}
        />
      )}

      <Card size="small" title={t('field.doors.title')} className={styles.card} data-testid="today-doors">
        <div className={styles.row}>
          <span>
            {doors && doors.open > 0 ? t('field.doors.count', { count: doors.open }) : t('field.doors.none')}
          </span>
          <Button onClick={() => go('doors')}>{t('field.doors.view')}</Button>
        </div>
      </Card>

      <Card
        size="small"
        title={t('field.today.compliance')}
        extra={updated(compliance)}
        className={styles.card}
        data-testid="today-compliance"
      >
        {day ? (
          <>
            <div className={styles.row}>
              <strong>{t('field.today.todayLabel')}</strong>
              <Tag color={day.met ? 'success' : 'warning'}>
                {day.met ? t('field.today.met') : t('field.today.notMet')}
              </Tag>
            </div>
            <div>{t('field.today.patrols', { count: day.patrols, min: day.rules.minPatrolsPerDay })}</div>
            <div>
              {t('field.today.inGrid', {
                share: Math.round((day.inGridShare ?? 0) * 100),
                min: Math.round(day.rules.minInGridShare * 100),
              })}
            </div>
            {week && (
              <div className={styles.row} style={{ marginTop: 8 }}>
                <strong>{t('field.today.weekLabel')}</strong>
                <span>{week.met ? t('field.today.weekMet') : t('field.today.weekNotMet')}</span>
              </div>
            )}
          </>
        ) : (
          <span className={styles.muted}>{t('field.today.unavailable')}</span>
        )}
      </Card>

      <Card
        size="small"
        title={t('field.today.cases')}
        extra={updated(cases)}
        className={styles.card}
        data-testid="today-cases"
      >
        {isAvailable(cases?.value) && cases.value.items.length > 0 ? (
          <List
            size="small"
            dataSource={cases.value.items}
            renderItem={(c) => (
              <List.Item key={c.id}>
                <List.Item.Meta
                  title={
                    <span>
                      {c.no} · {en ? c.category.en : c.category.zh}
                    </span>
                  }
                  description={c.address ?? c.description}
                />
                {c.light && (
                  <Tag color={c.light === 'red' ? 'error' : c.light === 'yellow' ? 'warning' : 'success'}>
                    ●
                  </Tag>
                )}
              </List.Item>
            )}
          />
        ) : (
          <span className={styles.muted}>
            {cases && !isAvailable(cases.value) ? t('field.today.unavailable') : t('field.today.noCases')}
          </span>
        )}
      </Card>

      <Card
        size="small"
        title={t('field.today.visits')}
        extra={updated(visits)}
        className={styles.card}
        data-testid="today-visits"
      >
        {isAvailable(visits?.value) && visits.value.items.length > 0 ? (
          <>
            {visits.value.overdue > 0 && (
              <Tag color="error">{t('field.today.overdue', { count: visits.value.overdue })}</Tag>
            )}
            <List
              size="small"
              dataSource={visits.value.items.slice(0, 10)}
              renderItem={(v) => (
                <List.Item
                  key={v.id}
                  data-testid="due-visit-row"
                  onClick={() => go('visits', v.id)}
                  style={{ cursor: 'pointer' }}
                >
                  <span>{v.person.name}</span>
                  <span className={styles.muted}>
                    {v.grid.name} · {v.nextVisitDue ?? ''}
                  </span>
                </List.Item>
              )}
            />
          </>
        ) : (
          <span className={styles.muted}>
            {visits && !isAvailable(visits.value) ? t('field.today.unavailable') : t('field.today.noVisits')}
          </span>
        )}
      </Card>

      <Card
        size="small"
        title={t('field.today.myReports')}
        className={styles.card}
        data-testid="today-reports"
      >
        {reports.length > 0 ? (
          <List
            size="small"
            dataSource={reports}
            renderItem={(r) => (
              <List.Item key={r.id} data-testid="report-row">
                <List.Item.Meta title={r.caseNo ?? r.categoryName} description={r.description} />
                <SyncTag state={r.state} />
              </List.Item>
            )}
          />
        ) : (
          <span className={styles.muted}>{t('field.today.noReports')}</span>
        )}
      </Card>

      <Card size="small" title={t('field.today.me')} className={styles.card}>
        <div className={styles.row}>
          <span>{t('field.today.language')}</span>
          <Segmented<Language>
            value={i18n.language === 'en-US' ? 'en-US' : 'zh-CN'}
            options={[
              { label: '中文', value: 'zh-CN' },
              { label: 'English', value: 'en-US' },
            ]}
            onChange={setLanguage}
            data-testid="field-lang"
          />
        </div>
        <div className={styles.row} style={{ marginTop: 12 }}>
          <a href="/">{t('field.today.desk')}</a>
          <Button danger disabled={unsent > 0} onClick={() => void signOut()} data-testid="field-sign-out">
            {t('field.today.signOut')}
          </Button>
        </div>
        {unsent > 0 && (
          <div className={styles.muted}>{t('field.today.signOutBlocked', { count: unsent })}</div>
        )}
      </Card>
    </div>
  )
}
