import { PlusOutlined, UploadOutlined } from '@ant-design/icons'
import { Button, Card, Flex, Grid, Space, Tabs, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import type { Me } from '../api/types'
import { useCan, useCurrentUser } from '../auth/auth.api'
import { QueryError } from '../common/QueryError'
import { useAction } from '../common/useAction'
import { saveFile } from '../stats/stats.api'
import type { CaseQueue } from './cases.api'
import { CaseRows } from './inbox/CaseRows'
import { InboxToolbar } from './inbox/InboxToolbar'
import {
  fetchCasesWorkbook,
  filtersFrom,
  type InboxFilters,
  paramsOf,
  useCaseList,
  useQueueCounts,
} from './inbox/inboxQuery'

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

/** 事件: one tab per queue with its count, the filters and search in the URL, and the Excel export. */
export function CasesPage() {
  const { t } = useTranslation()
  const can = useCan()
  const tabs = useTabs()
  const screens = Grid.useBreakpoint()
  const [params, setParams] = useSearchParams()
  const asked = params.get('queue') as Tab | null
  const tab = asked && tabs.includes(asked) ? asked : (tabs[0] ?? 'all')
  const queue = tab === 'all' ? null : tab
  const filters = filtersFrom(params)
  const list = useCaseList(queue, filters)
  const counts = useQueueCounts(filters)
  const cases = list.data?.pages.flatMap((page) => page.items) ?? []
  const show = (next: Tab, f: InboxFilters) => setParams(paramsOf(next, f), { replace: true })
  const download = useAction(async () =>
    saveFile(await fetchCasesWorkbook(queue, filters), `${t('cases.inbox.fileStem')}.xlsx`),
  )

  return (
    <Card
      title={t('menu.cases')}
      extra={
        <Space>
          {can('case.accept') && (
            <Link to="/cases/import">
              <Button icon={<UploadOutlined />} aria-label={t('cases.import.open')} data-testid="case-import">
                {screens.md && t('cases.import.open')}
              </Button>
            </Link>
          )}
          {can('case.report') && (
            <Link to="/cases/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="case-report">
                {t('cases.report')}
              </Button>
            </Link>
          )}
        </Space>
      }
      styles={{ body: { paddingTop: 0 } }}
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => show(key as Tab, filters)}
        items={tabs.map((key) => ({
          key,
          label: (
            <span>
              {t(`cases.queues.${key}`)}
              {counts.data && (
                <Typography.Text
                  type="secondary"
                  style={{ marginInlineStart: 4 }}
                  data-testid={`queue-count-${key}`}
                >
                  {counts.data[key]}
                </Typography.Text>
              )}
            </span>
          ),
        }))}
        data-testid="case-queues"
      />
      <InboxToolbar
        filters={filters}
        onChange={(patch) => show(tab, { ...filters, ...patch })}
        onClear={() => show(tab, filters.q ? { q: filters.q } : {})}
        onExport={can('case.read') ? () => download.mutate(undefined) : undefined}
        exporting={download.isPending}
      />
      <QueryError error={list.error ?? counts.error} />
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
