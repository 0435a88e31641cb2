import { Card, Grid, List, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { usePeriodText } from '../assessment/format'
import { useCan } from '../auth/auth.api'
import { useFormatTime } from '../common/format'
import { QueryError } from '../common/QueryError'
import { type Bulletin, useBulletins } from './bulletins.api'
import { ComposeForm } from './ComposeForm'

/** 通报: the published bulletins of the reader's areas; for those who assess, drafts and composing. */
export function BulletinsPage() {
  const { t } = useTranslation()
  const can = useCan()
  const phone = !Grid.useBreakpoint().md
  const formatTime = useFormatTime()
  const periodText = usePeriodText()
  const assesses = can('assessment.manage') || can('assessment.read')
  const [params, setParams] = useSearchParams()
  const state = assesses && params.get('state') === 'draft' ? 'draft' : 'published'
  const list = useBulletins(state)
  const rows = list.data?.items ?? []

  const columns: TableColumnsType<Bulletin> = [
    {
      key: 'title',
      title: t('bulletins.columns.title'),
      render: (_, b) => <Link to={`/bulletins/${b.id}`}>{b.title}</Link>,
    },
    {
      key: 'period',
      title: t('bulletins.columns.period'),
      width: 130,
      render: (_, b) => periodText(b.period),
    },
    {
      key: 'state',
      title: t('bulletins.columns.state'),
      width: 90,
      render: (_, b) => (
        <Tag color={b.state === 'published' ? 'green' : 'default'}>{t(`bulletins.state.${b.state}`)}</Tag>
      ),
    },
    {
      key: 'at',
      title: state === 'draft' ? t('bulletins.columns.composedAt') : t('bulletins.columns.publishedAt'),
      width: 170,
      render: (_, b) => formatTime(b.publishedAt ?? b.composedAt),
    },
  ]

  return (
    <div data-testid="bulletins-page">
      {can('assessment.manage') && <ComposeForm />}
      <Card size="small" title={t('bulletins.title')}>
        <Typography.Paragraph type="secondary">{t('bulletins.help')}</Typography.Paragraph>
        {assesses && (
          <Tabs
            activeKey={state}
            onChange={(k) => setParams(k === 'draft' ? { state: 'draft' } : {})}
            items={(['published', 'draft'] as const).map((k) => ({
              key: k,
              label: t(`bulletins.tabs.${k}`),
            }))}
          />
        )}
        <QueryError error={list.error} />
        {phone ? (
          <List
            loading={list.isPending}
            dataSource={rows}
            locale={{ emptyText: t('bulletins.empty') }}
            renderItem={(b) => (
              <List.Item>
                <List.Item.Meta
                  title={<Link to={`/bulletins/${b.id}`}>{b.title}</Link>}
                  description={formatTime(b.publishedAt ?? b.composedAt)}
                />
              </List.Item>
            )}
          />
        ) : (
          <Table
            rowKey="id"
            size="small"
            loading={list.isPending}
            dataSource={rows}
            columns={columns}
            pagination={false}
            locale={{ emptyText: t('bulletins.empty') }}
          />
        )}
      </Card>
    </div>
  )
}
