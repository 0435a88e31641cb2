import { SettingOutlined } from '@ant-design/icons'
import { Button, Card, DatePicker, Space, Spin, Table, type TableColumnsType, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { useCan } from '../auth/auth.api'
import { useErrorText } from '../common/errorText'
import { GridTreePicker } from '../common/GridTreePicker'
import { QueryError } from '../common/QueryError'
import { useGridRoots } from '../grids/grids.api'
import { useLocalName } from '../i18n'
import { MetTag, RuleFigure, WeekStrip, weekTally } from './ComplianceTags'
import { type Compliance, chinaToday, useCompliances } from './patrols.api'
import { percent, usePatrolText } from './patrolText'
import { useWorkers, type Worker } from './useWorkers'

interface Row extends Worker {
  compliance?: Compliance
  error?: unknown
}

/** 巡查考勤: the workers of a grid, each with the day's patrols and time in the grid against the rules, and the week. */
export function CompliancePage() {
  const { t } = useTranslation()
  const can = useCan()
  const text = usePatrolText()
  const localName = useLocalName()
  const errorText = useErrorText()
  const [params, setParams] = useSearchParams()
  const roots = useGridRoots()
  const grid = params.get('grid') ?? roots.data?.items[0]?.code
  const day = params.get('day') ?? chinaToday()
  const workers = useWorkers(grid)
  const list = workers.data ?? []
  const answers = useCompliances(
    list.map((w) => w.userId),
    day,
  )
  const rows: Row[] = list.map((w, i) => ({ ...w, compliance: answers[i]?.data, error: answers[i]?.error }))
  const judged = rows.flatMap((r) => (r.compliance && r.compliance.day.workS > 0 ? [r.compliance] : []))
  const met = judged.filter((c) => c.day.met).length
  const set = (key: string, value: string) =>
    setParams((p) => {
      p.set(key, value)
      return p
    })
  const workerLink = (r: Row) => `/patrols/workers/${r.userId}?day=${day}&grid=${r.grid.code}`

  const columns: TableColumnsType<Row> = [
    {
      key: 'name',
      title: t('patrols.worker'),
      width: 150,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={workerLink(r)} data-testid="worker-link" style={{ whiteSpace: 'nowrap' }}>
            {r.name}
          </Link>
          <Typography.Text type="secondary">{localName(r.postZh, r.postEn)}</Typography.Text>
        </Space>
      ),
    },
    { key: 'grid', title: t('patrols.grid'), render: (_, r) => r.grid.name },
    {
      key: 'patrols',
      title: t('patrols.dayPatrols'),
      width: 100,
      render: (_, r) =>
        r.compliance ? (
          <span data-testid="day-patrols">
            <RuleFigure
              value={t('patrols.patrolCount', { count: r.compliance.day.patrols })}
              rule={t('patrols.atLeast', { count: r.compliance.day.rules.minPatrolsPerDay })}
              met={r.compliance.day.patrolsMet}
            />
          </span>
        ) : null,
    },
    {
      key: 'inGrid',
      title: t('patrols.inGridTime'),
      width: 170,
      render: (_, r) =>
        r.compliance ? (
          <span data-testid="day-in-grid">
            <RuleFigure
              value={`${text.duration(r.compliance.day.inGridS)} · ${percent(r.compliance.day.inGridShare)}`}
              rule={t('patrols.shareRule', { share: percent(r.compliance.day.rules.minInGridShare) })}
              met={r.compliance.day.inGridMet}
            />
          </span>
        ) : null,
    },
    {
      key: 'met',
      title: t('patrols.dayResult'),
      width: 96,
      render: (_, r) =>
        r.compliance ? (
          <MetTag day={r.compliance.day} testId="day-met" />
        ) : r.error ? (
          <Typography.Text type="danger">{errorText(r.error)}</Typography.Text>
        ) : (
          <Spin size="small" />
        ),
    },
    {
      key: 'checklist',
      title: t('patrols.checklist'),
      width: 110,
      render: (_, r) =>
        r.compliance ? (
          <span style={{ whiteSpace: 'nowrap' }}>
            {t('patrols.itemsTicked', { count: r.compliance.day.checklist.length })}
          </span>
        ) : null,
    },
    {
      key: 'week',
      title: t('patrols.week'),
      width: 200,
      render: (_, r) => {
        if (!r.compliance) return null
        const tally = weekTally(r.compliance.week.days)
        return (
          <Space orientation="vertical" size={2}>
            <WeekStrip days={r.compliance.week.days} selected={day} />
            <Typography.Text type="secondary" data-testid="week-tally">
              {t('patrols.weekTally', tally)}
            </Typography.Text>
          </Space>
        )
      },
    },
  ]

  return (
    <Card
      title={t('patrols.title')}
      extra={
        can('patrol.configure') && (
          <Link to="/patrols/settings">
            <Button icon={<SettingOutlined />} data-testid="patrol-settings">
              {t('patrols.settings.title')}
            </Button>
          </Link>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <div style={{ width: 320 }}>
          <GridTreePicker
            valueKey="code"
            value={grid}
            onChange={(code) => code && set('grid', code)}
            placeholder={t('patrols.pickGrid')}
            testId="compliance-grid"
          />
        </div>
        <DatePicker
          value={dayjs(day)}
          allowClear={false}
          disabledDate={(d) => d.format('YYYY-MM-DD') > chinaToday()}
          onChange={(d) => d && set('day', d.format('YYYY-MM-DD'))}
          data-testid="compliance-day"
        />
        <Button onClick={() => set('day', chinaToday())}>{t('patrols.today')}</Button>
      </Space>
      <Typography.Paragraph type="secondary" data-testid="compliance-summary">
        {t('patrols.summary', { workers: list.length, met, notMet: judged.length - met })}
        {' · '}
        {t('patrols.scopeHint')}
      </Typography.Paragraph>
      <QueryError error={roots.error ?? workers.error} />
      <Table
        rowKey="userId"
        columns={columns}
        dataSource={rows}
        loading={workers.isLoading || roots.isLoading}
        pagination={false}
        data-testid="compliance-table"
        locale={{ emptyText: t('patrols.noWorkers') }}
      />
    </Card>
  )
}
