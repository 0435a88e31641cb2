import { Button, Card, Flex, Grid, List, Select, Table, type TableColumnsType, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { QueryError } from '../../common/QueryError'
import { AttentionTag, DueTag } from './AttentionTag'
import {
  ATTENTION_LEVELS,
  type Membership,
  type MembershipQuery,
  useCodeName,
  useMemberships,
} from './groups.api'
import { MembershipDrawer } from './MembershipDrawer'

type Filter = Pick<MembershipQuery, 'group' | 'attention' | 'due' | 'grid'>

/** The members of special groups in a grid's subtree, names masked, with filters; a click opens one. */
export function MembersList({
  initial,
  gridName,
  onClearGrid,
}: {
  initial: Filter
  gridName?: string
  onClearGrid?: () => void
}) {
  const { t } = useTranslation()
  const phone = !Grid.useBreakpoint().md
  const [filter, setFilter] = useState<Filter>(initial)
  const list = useMemberships({ ...filter, limit: 50 })
  const { codes, name: groupName } = useCodeName('special_group')
  const [openId, setOpenId] = useState<string | null>(null)
  const rows = list.data?.pages.flatMap((p) => p.items) ?? []
  const set = (patch: Partial<Filter>) => setFilter((f) => ({ ...f, ...patch }))

  const columns: TableColumnsType<Membership> = [
    {
      key: 'name',
      title: t('groups.list.name'),
      render: (_, m) => (
        <Link to={`/ledgers/people/${m.person.id}`} onClick={(e) => e.stopPropagation()}>
          {m.person.name}
        </Link>
      ),
    },
    {
      key: 'group',
      title: t('groups.list.group'),
      render: (_, m) => (
        <>
          {groupName(m.groupCode)}
          {m.subKind && <Typography.Text type="secondary"> · {groupName(m.subKind)}</Typography.Text>}
        </>
      ),
    },
    {
      key: 'attention',
      title: t('groups.list.attention'),
      render: (_, m) => <AttentionTag level={m.attention} />,
    },
    { key: 'grid', title: t('groups.list.grid'), render: (_, m) => m.grid.name },
    { key: 'due', title: t('groups.list.nextDue'), render: (_, m) => <DueTag m={m} /> },
    { key: 'responsible', title: t('groups.list.responsible'), render: (_, m) => m.responsible?.name ?? '—' },
  ]

  return (
    <Card title={t('groups.list.title')} data-testid="group-members">
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        {filter.grid && (
          <Tag closable={!!onClearGrid} onClose={onClearGrid}>
            {t('groups.list.inGrid', { grid: gridName ?? filter.grid })}
          </Tag>
        )}
        <Select
          allowClear
          style={{ minWidth: 150 }}
          placeholder={t('groups.list.allGroups')}
          value={filter.group}
          onChange={(group) => set({ group })}
          options={codes
            .filter((c) => !c.parentCode && c.active)
            .map((c) => ({ value: c.code, label: groupName(c.code) }))}
          data-testid="filter-group"
        />
        <Select
          allowClear
          style={{ minWidth: 130 }}
          placeholder={t('groups.list.anyAttention')}
          value={filter.attention}
          onChange={(attention) => set({ attention })}
          options={ATTENTION_LEVELS.map((l) => ({ value: l, label: t(`groups.attention.${l}`) }))}
        />
        <Select
          style={{ minWidth: 120 }}
          value={filter.due ?? 'any'}
          onChange={(due: 'any' | 'week' | 'overdue') => set({ due: due === 'any' ? undefined : due })}
          options={[
            { value: 'any', label: t('groups.list.anyDue') },
            { value: 'week', label: t('groups.list.dueWeek') },
            { value: 'overdue', label: t('groups.list.dueOverdue') },
          ]}
          data-testid="filter-due"
        />
      </Flex>
      <QueryError error={list.error} />
      {phone ? (
        <List
          loading={list.isPending}
          dataSource={rows}
          locale={{ emptyText: t('groups.list.none') }}
          renderItem={(m) => (
            <List.Item onClick={() => setOpenId(m.id)} style={{ cursor: 'pointer' }}>
              <List.Item.Meta
                title={
                  <Flex justify="space-between" gap={8}>
                    <span>{m.person.name}</span>
                    <DueTag m={m} />
                  </Flex>
                }
                description={
                  <Flex gap={4} wrap align="center">
                    {groupName(m.groupCode)} <AttentionTag level={m.attention} /> {m.grid.name}
                  </Flex>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<Membership>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={list.isPending}
          pagination={false}
          locale={{ emptyText: t('groups.list.none') }}
          onRow={(m) => ({ onClick: () => setOpenId(m.id), style: { cursor: 'pointer' } })}
          data-testid="group-members-table"
        />
      )}
      {list.hasNextPage && (
        <Button
          block
          style={{ marginTop: 12 }}
          loading={list.isFetchingNextPage}
          onClick={() => list.fetchNextPage()}
        >
          {t('groups.list.more')}
        </Button>
      )}
      {openId && <MembershipDrawer id={openId} onClose={() => setOpenId(null)} />}
    </Card>
  )
}
