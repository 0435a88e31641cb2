import { PlusOutlined } from '@ant-design/icons'
import { Button, Card, Flex, Grid, List, Table, type TableColumnsType, Tabs, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import type { Me } from '../api/types'
import { useCan, useCurrentUser } from '../auth/auth.api'
import { useFormatTime } from '../common/format'
import { QueryError } from '../common/QueryError'
import { useLocalName } from '../i18n'
import { type CaseQueue, type CaseSummary, useCaseQueue } from './cases.api'
import { currentStage, LightDot, StateTag, useCaseName } from './caseText'

type Tab = CaseQueue | 'all'

/** The queues of work to do, each for holders of the permission to do it. */
const WORK_QUEUES: Record<Exclude<CaseQueue, 'overdue' | 'supervised' | 'no_handler'>, string> = {
  to_accept: 'case.accept',
  to_dispatch: 'case.dispatch',
  to_handle: 'case.handle',
  to_verify: 'case.verify',
  to_close: 'case.close',
}

/** Cases outside every grid are seen only from the root: a grant of case.read over the whole deployment. */
function readsEverything(me: Me) {
  return me.grants.some(
    (g) =>
      g.scope.type === 'grid' &&
      g.scope.path === '' &&
      (g.permissions.includes('case.read') || g.permissions.includes('*')),
  )
}

function useTabs(): Tab[] {
  const me = useCurrentUser()
  const can = useCan()
  const work = (Object.keys(WORK_QUEUES) as (keyof typeof WORK_QUEUES)[]).filter((q) => can(WORK_QUEUES[q]))
  return [
    ...work,
    // Overdue cases concern everyone who reads them (each sees those of their own grids or department).
    'overdue',
    // 督办: cases under a supervision notice, for those who chase them.
    ...(can('case.supervise') ? (['supervised'] as const) : []),
    ...(readsEverything(me) ? (['no_handler'] as const) : []),
    'all',
  ]
}

export function CasesPage() {
  const { t } = useTranslation()
  const can = useCan()
  const tabs = useTabs()
  const [params, setParams] = useSearchParams()
  const asked = params.get('queue') as Tab | null
  const tab = asked && tabs.includes(asked) ? asked : (tabs[0] ?? 'all')
  const list = useCaseQueue(tab === 'all' ? null : tab)
  const cases = list.data?.pages.flatMap((page) => page.items) ?? []

  return (
    <Card
      title={t('menu.cases')}
      extra={
        can('case.report') && (
          <Link to="/cases/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="case-report">
              {t('cases.report')}
            </Button>
          </Link>
        )
      }
      styles={{ body: { paddingTop: 0 } }}
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ queue: key }, { replace: true })}
        items={tabs.map((key) => ({ key, label: t(`cases.queues.${key}`) }))}
        data-testid="case-queues"
      />
      <QueryError error={list.error} />
      <CaseRows cases={cases} loading={list.isFetching && !list.isFetchingNextPage} />
      {list.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('cases.loadMore')}
          </Button>
        </Flex>
      )}
    </Card>
  )
}

/** A table at a desk; on a phone, a list a thumb can scroll. */
function CaseRows({ cases, loading }: { cases: CaseSummary[]; loading: boolean }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const formatTime = useFormatTime()
  const name = useCaseName()
  const localName = useLocalName()
  const screens = Grid.useBreakpoint()
  const open = (c: CaseSummary) => void navigate(`/cases/${c.id}`)
  const deadline = (c: CaseSummary) => {
    const stage = currentStage(c.state)
    const due = stage ? c.deadlines[stage] : null
    return <LightDot light={c.light} text={due ? formatTime(due) : '—'} />
  }
  /** The address if given, a case outside every grid said so, then the description on one line. */
  const place = (c: CaseSummary) => (
    <>
      {c.address && <div>{c.address}</div>}
      {c.unownedReason && (
        <Typography.Text type="warning">{name('unowned', c.unownedReason)}</Typography.Text>
      )}
      <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
        {c.description}
      </Typography.Text>
    </>
  )

  if (!screens.md) {
    return (
      <List<CaseSummary>
        loading={loading}
        dataSource={cases}
        locale={{ emptyText: t('cases.empty') }}
        data-testid="cases-list"
        renderItem={(c) => (
          <List.Item onClick={() => open(c)} style={{ cursor: 'pointer', display: 'block' }}>
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text strong>{localName(c.category.zh, c.category.en)}</Typography.Text>
              <StateTag state={c.state} />
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.no} · {formatTime(c.reportedAt)}
            </Typography.Text>
            {place(c)}
            {currentStage(c.state) && deadline(c)}
          </List.Item>
        )}
      />
    )
  }

  const columns: TableColumnsType<CaseSummary> = [
    {
      key: 'no',
      title: t('cases.no'),
      width: 170,
      render: (_, c) => <Link to={`/cases/${c.id}`}>{c.no}</Link>,
    },
    {
      key: 'category',
      title: t('cases.category'),
      render: (_, c) => localName(c.category.zh, c.category.en),
    },
    { key: 'state', title: t('cases.state'), width: 100, render: (_, c) => <StateTag state={c.state} /> },
    { key: 'deadline', title: t('cases.deadline'), width: 200, render: (_, c) => deadline(c) },
    {
      key: 'place',
      title: t('cases.place'),
      ellipsis: true,
      render: (_, c) => place(c),
    },
    {
      key: 'reportedAt',
      title: t('cases.reportedAt'),
      width: 170,
      render: (_, c) => formatTime(c.reportedAt),
    },
  ]
  return (
    <Table<CaseSummary>
      rowKey="id"
      columns={columns}
      dataSource={cases}
      loading={loading}
      pagination={false}
      locale={{ emptyText: t('cases.empty') }}
      onRow={(c) => ({ onClick: () => open(c), style: { cursor: 'pointer' } })}
      data-testid="cases-table"
    />
  )
}
