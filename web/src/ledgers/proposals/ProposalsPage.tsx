import {
  Button,
  Card,
  Checkbox,
  Flex,
  Grid,
  List,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormatTime } from '../../common/format'
import { QueryError } from '../../common/QueryError'
import { useLocalName } from '../../i18n'
import { ProposalDrawer, StateTag } from './ProposalDrawer'
import { type Proposal, type ProposalTab, useProposals } from './proposals.api'

/**
 * 采集审核: the corrections collected in the field, by state (待审核, 冲突, 已处理); a row opens the
 * comparison of the ledger's values with the proposed ones, to approve or return.
 */
export function ProposalsPage() {
  const { t } = useTranslation()
  const phone = !Grid.useBreakpoint().md
  const formatTime = useFormatTime()
  const local = useLocalName()
  const [tab, setTab] = useState<ProposalTab>('pending')
  const [mine, setMine] = useState(false)
  const [openId, setOpenId] = useState<string | null>(null)
  const list = useProposals(tab, mine)
  const rows = list.data?.pages.flatMap((p) => p.items) ?? []

  const record = (p: Proposal) => (
    <Flex gap={6} align="center" wrap>
      <Tag>{t(`proposals.kinds.${p.kind}`)}</Tag>
      <span>{p.targetLabel ?? '—'}</span>
      {p.source.campaignId && <Tag color="purple">{t('proposals.campaign')}</Tag>}
    </Flex>
  )
  const fieldNames = (p: Proposal) =>
    p.fields.map((f) => (
      <Tag key={f.field} color={f.hard ? 'red' : f.differs ? 'gold' : undefined}>
        {local(f.zh, f.en)}
      </Tag>
    ))

  const columns: TableColumnsType<Proposal> = [
    { key: 'record', title: t('proposals.record'), render: (_, p) => record(p) },
    {
      key: 'fields',
      title: t('proposals.changed'),
      render: (_, p) => (
        <Flex wrap gap={2}>
          {fieldNames(p)}
        </Flex>
      ),
    },
    { key: 'state', title: t('proposals.state'), render: (_, p) => <StateTag state={p.state} /> },
    { key: 'grid', title: t('proposals.grid'), render: (_, p) => p.grid?.name ?? '—' },
    { key: 'proposer', title: t('proposals.proposer'), render: (_, p) => p.proposedBy.name },
    { key: 'at', title: t('proposals.proposedAt'), render: (_, p) => formatTime(p.proposedAt) },
  ]

  return (
    <Card title={t('proposals.title')} size="small" data-testid="proposals-page">
      <Typography.Paragraph type="secondary">{t('proposals.help')}</Typography.Paragraph>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as ProposalTab)}
          items={(['pending', 'conflict', 'done'] as const).map((k) => ({
            key: k,
            label: <span data-testid={`proposals-tab-${k}`}>{t(`proposals.tabs.${k}`)}</span>,
          }))}
          style={{ marginBottom: 0 }}
        />
        <Checkbox checked={mine} onChange={(e) => setMine(e.target.checked)} data-testid="proposals-mine">
          {t('proposals.mine')}
        </Checkbox>
      </Flex>
      <QueryError error={list.error} />
      {phone ? (
        <List
          loading={list.isPending}
          dataSource={rows}
          locale={{ emptyText: t('proposals.none') }}
          renderItem={(p) => (
            <Card
              size="small"
              hoverable
              style={{ marginBottom: 8 }}
              onClick={() => setOpenId(p.id)}
              data-testid="proposal-card"
            >
              <Flex justify="space-between" align="start" gap={8}>
                {record(p)}
                <StateTag state={p.state} />
              </Flex>
              <Flex wrap gap={2} style={{ marginTop: 6 }}>
                {fieldNames(p)}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.proposedBy.name} · {p.grid?.name ?? '—'} · {formatTime(p.proposedAt)}
              </Typography.Text>
            </Card>
          )}
        />
      ) : (
        <Table<Proposal>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={list.isPending}
          pagination={false}
          locale={{ emptyText: t('proposals.none') }}
          onRow={(p) => ({ onClick: () => setOpenId(p.id), style: { cursor: 'pointer' } })}
          data-testid="proposals-table"
        />
      )}
      {list.hasNextPage && (
        <Button
          block
          style={{ marginTop: 12 }}
          loading={list.isFetchingNextPage}
          onClick={() => list.fetchNextPage()}
        >
          {t('proposals.more')}
        </Button>
      )}
      {openId && <ProposalDrawer id={openId} onClose={() => setOpenId(null)} />}
    </Card>
  )
}
