import { ArrowLeftOutlined } from '@ant-design/icons'
import { Button, Card, Descriptions, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useParams, useSearchParams } from 'react-router'
import { QueryError } from '../common/QueryError'
import { ChecklistCard } from './ChecklistCard'
import { MetTag, WeekStrip, weekTally } from './ComplianceTags'
import { PatrolsTable } from './PatrolsTable'
import { chinaToday, useCompliance, usePatrols, useRules, weekOf } from './patrols.api'
import { percent, usePatrolText } from './patrolText'
import { useWorkers } from './useWorkers'

/** One worker's week: the days against the rules, the patrols made, and the 553 checklist of a day. */
export function WorkerPage() {
  const { t } = useTranslation()
  const text = usePatrolText()
  const { userId = '' } = useParams()
  const [params, setParams] = useSearchParams()
  const day = params.get('day') ?? chinaToday()
  const grid = params.get('grid') ?? undefined
  const week = weekOf(day)
  const compliance = useCompliance(userId, day)
  const patrols = usePatrols(userId, week.from, week.to)
  const rules = useRules()
  const worker = useWorkers(grid).data?.find((w) => w.userId === userId)
  const name = worker?.name ?? patrols.data?.items[0]?.userName ?? ''
  const level = worker?.grid.level ?? 'grid'
  const checklist = rules.data?.items.find((r) => r.level === level)?.checklist ?? []
  const c = compliance.data
  const back = `/patrols?day=${day}${grid ? `&grid=${grid}` : ''}`

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Link to={back}>
              <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('patrols.back')} />
            </Link>
            <span data-testid="worker-name">{name}</span>
            {worker && <Typography.Text type="secondary">{worker.grid.name}</Typography.Text>}
          </Space>
        }
        loading={compliance.isLoading}
      >
        <QueryError error={compliance.error} />
        {c && (
          <>
            <Space style={{ marginBottom: 16 }} wrap>
              <WeekStrip
                days={c.week.days}
                selected={day}
                onPick={(d) =>
                  setParams((p) => {
                    p.set('day', d)
                    return p
                  })
                }
              />
              <Typography.Text type="secondary">
                {week.from} – {week.to} · {t('patrols.weekTally', weekTally(c.week.days))}
              </Typography.Text>
            </Space>
            <Descriptions
              size="small"
              column={3}
              bordered
              data-testid="worker-day"
              items={[
                { key: 'day', label: t('patrols.day'), children: c.day.day },
                {
                  key: 'met',
                  label: t('patrols.dayResult'),
                  children: <MetTag day={c.day} testId="day-met" />,
                },
                {
                  key: 'patrols',
                  label: t('patrols.dayPatrols'),
                  children: t('patrols.withRule', {
                    value: t('patrols.patrolCount', { count: c.day.patrols }),
                    rule: t('patrols.atLeast', { count: c.day.rules.minPatrolsPerDay }),
                  }),
                },
                { key: 'patrolS', label: t('patrols.patrolTime'), children: text.duration(c.day.patrolS) },
                {
                  key: 'inGrid',
                  label: t('patrols.inGridTime'),
                  children: t('patrols.withRule', {
                    value: `${text.duration(c.day.inGridS)} · ${percent(c.day.inGridShare)}`,
                    rule: t('patrols.shareRule', { share: percent(c.day.rules.minInGridShare) }),
                  }),
                },
                { key: 'work', label: t('patrols.workTime'), children: text.duration(c.day.workS) },
              ]}
            />
          </>
        )}
      </Card>
      <Card size="small" title={t('patrols.patrolsOfWeek', week)}>
        <QueryError error={patrols.error} />
        <PatrolsTable items={patrols.data?.items ?? []} loading={patrols.isLoading} />
      </Card>
      {c && checklist.length > 0 && (
        <ChecklistCard items={checklist} ticked={{ day, items: c.day.checklist }} />
      )}
    </Space>
  )
}
