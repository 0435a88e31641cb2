import { PlusOutlined } from '@ant-design/icons'
import { Button, Card, Grid, List, Segmented, Table, type TableColumnsType, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { QueryError } from '../common/QueryError'
import { ShareDone, StateCounts } from './CampaignProgress'
import { type Campaign, useCampaigns } from './campaigns.api'
import { NewCampaignModal } from './NewCampaignModal'

/** 专项行动: the campaigns the reader runs, with their progress; a click opens one. */
export function CampaignsPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const phone = !Grid.useBreakpoint().md
  const [state, setState] = useState<'active' | 'closed'>('active')
  const [creating, setCreating] = useState(false)
  const list = useCampaigns(state)
  const items = list.data?.items ?? []

  const columns: TableColumnsType<Campaign> = [
    {
      key: 'title',
      title: t('campaigns.name'),
      render: (_, c) => <Link to={`/campaigns/${c.id}`}>{c.title}</Link>,
    },
    {
      key: 'kind',
      title: t('campaigns.kind'),
      render: (_, c) => <Tag>{t(`campaigns.kinds.${c.kind}`)}</Tag>,
    },
    { key: 'scope', title: t('campaigns.scope'), render: (_, c) => c.scope.name },
    { key: 'dates', title: t('campaigns.dates'), render: (_, c) => `${c.startsOn} – ${c.endsOn}` },
    { key: 'doors', title: t('campaigns.doors'), dataIndex: 'taskCount', align: 'right' },
    {
      key: 'progress',
      title: t('campaigns.progress'),
      render: (_, c) => <ShareDone progress={c.progress} />,
    },
  ]

  return (
    <Card
      title={t('campaigns.title')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="campaign-create"
        >
          {phone ? null : t('campaigns.create')}
        </Button>
      }
    >
      <Segmented
        value={state}
        onChange={(v) => setState(v as 'active' | 'closed')}
        options={[
          { value: 'active', label: t('campaigns.active') },
          { value: 'closed', label: t('campaigns.closed') },
        ]}
        style={{ marginBottom: 16 }}
      />
      <QueryError error={list.error} />
      {phone ? (
        <List
          dataSource={items}
          loading={list.isLoading}
          locale={{ emptyText: t('campaigns.empty') }}
          renderItem={(c) => (
            <List.Item onClick={() => navigate(`/campaigns/${c.id}`)} style={{ cursor: 'pointer' }}>
              <List.Item.Meta
                title={c.title}
                description={
                  <>
                    <Typography.Text type="secondary">
                      {t(`campaigns.kinds.${c.kind}`)} · {c.scope.name} · {c.startsOn} – {c.endsOn}
                    </Typography.Text>
                    <ShareDone progress={c.progress} />
                    <StateCounts counts={c.counts} />
                  </>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Table
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={list.isLoading}
          pagination={false}
          locale={{ emptyText: t('campaigns.empty') }}
          expandable={{
            expandedRowRender: (c) => <StateCounts counts={c.counts} />,
            rowExpandable: () => true,
          }}
        />
      )}
      {creating && (
        <NewCampaignModal
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false)
            navigate(`/campaigns/${c.id}`)
          }}
        />
      )}
    </Card>
  )
}
