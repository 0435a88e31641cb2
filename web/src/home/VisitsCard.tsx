import { Card, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { QueryError } from '../common/QueryError'
import { useDueVisits } from '../ledgers/groups/groups.api'

const SHOWN = 4

/** 本周走访: how many visits are overdue and due this week, the first few, and the list behind them. */
export function VisitsCard() {
  const { t } = useTranslation()
  const due = useDueVisits(undefined)
  const items = due.data?.items ?? []

  return (
    <Card
      title={t('groups.due.title')}
      size="small"
      style={{ height: '100%' }}
      extra={<Link to="/ledgers/visits">{t('home.more')}</Link>}
      data-testid="my-visits"
    >
      <QueryError error={due.error} />
      {due.isPending && <Skeleton active title={false} paragraph={{ rows: 3 }} />}
      {due.data && items.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('groups.due.none')} />
      )}
      {due.data && items.length > 0 && (
        <>
          <Flex gap={8} wrap style={{ marginBottom: 4 }}>
            <Tag>{t('groups.due.count', { count: items.length })}</Tag>
            {due.data.overdue > 0 && (
              <Tag color="red" data-testid="my-visits-overdue">
                {t('groups.due.overdueCount', { count: due.data.overdue })}
              </Tag>
            )}
          </Flex>
          <List
            size="small"
            dataSource={items.slice(0, SHOWN)}
            renderItem={(m) => (
              <List.Item style={{ paddingInline: 0 }}>
                <span>
                  {m.person.name} <Typography.Text type="secondary">{m.grid.name}</Typography.Text>
                </span>
                <Typography.Text type={m.dueState === 'overdue' ? 'danger' : 'secondary'}>
                  {m.nextVisitDue ?? '—'}
                </Typography.Text>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  )
}
