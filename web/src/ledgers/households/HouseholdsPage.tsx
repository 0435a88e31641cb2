import { PlusOutlined } from '@ant-design/icons'
import { Button, Card, Flex, Grid, Input, List, Table, type TableColumnsType, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { useCan } from '../../auth/auth.api'
import { GridTreePicker } from '../../common/GridTreePicker'
import { QueryError } from '../../common/QueryError'
import { useColumnChoice } from '../ColumnChooser'
import { HouseholdFormModal } from './HouseholdFormModal'
import { type Household, useHouseholds } from './households.api'

/** The head's masked name, or a dash for a household without one. */
export const headName = (h: Household) => h.members.find((m) => m.personId === h.headPersonId)?.name ?? '—'

/** 户籍家庭: the households in the reader's grids, by household number or head's name; a click opens one. */
export function HouseholdsPage() {
  const { t } = useTranslation()
  const can = useCan()
  const navigate = useNavigate()
  const phone = !Grid.useBreakpoint().md
  const [q, setQ] = useState('')
  const [grid, setGrid] = useState<string | undefined>()
  const [cursors, setCursors] = useState<string[]>([])
  const [adding, setAdding] = useState(false)
  const list = useHouseholds({ q: q || undefined, grid, cursor: cursors.at(-1) })
  const items = list.data?.items ?? []
  const open = (h: { id: string }) => navigate(`/ledgers/households/${h.id}`)
  const reset = () => setCursors([])

  const columns: TableColumnsType<Household> = [
    {
      key: 'number',
      title: t('households.number'),
      width: 160,
      render: (_, h) => <span data-testid="household-number">{h.number ?? '—'}</span>,
    },
    { key: 'head', title: t('households.head'), width: 120, render: (_, h) => headName(h) },
    {
      key: 'members',
      title: t('households.members'),
      width: 90,
      render: (_, h) => t('households.memberCount', { count: h.members.length }),
    },
    { key: 'room', title: t('households.room'), render: (_, h) => h.room?.place ?? '—' },
    { key: 'grid', title: t('households.grid'), width: 180, render: (_, h) => h.grid.name },
  ]

  const choice = useColumnChoice('households', columns)

  return (
    <Card
      title={t('households.title')}
      extra={
        <Flex gap={8}>
          {choice.chooser}
          {can('ledger.write') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setAdding(true)}
              data-testid="household-add"
            >
              {t('households.add')}
            </Button>
          )}
        </Flex>
      }
    >
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('households.search')}
          style={{ width: phone ? '100%' : 320 }}
          onSearch={(value) => {
            setQ(value.trim())
            reset()
          }}
          data-testid="household-search"
        />
        <div style={{ width: phone ? '100%' : 280 }}>
          <GridTreePicker
            valueKey="code"
            value={grid}
            placeholder={t('households.anyGrid')}
            onChange={(code) => {
              setGrid(code)
              reset()
            }}
            testId="household-grid"
          />
        </div>
      </Flex>
      <QueryError error={list.error} />
      {phone ? (
        <List
          loading={list.isPending}
          dataSource={items}
          locale={{ emptyText: t('households.none') }}
          renderItem={(h) => (
            <List.Item onClick={() => open(h)} style={{ cursor: 'pointer' }} data-testid="household-item">
              <List.Item.Meta
                title={
                  <span>
                    {h.number ?? '—'} · {t('households.head')} {headName(h)}
                  </span>
                }
                description={
                  <Typography.Text type="secondary">
                    {t('households.memberCount', { count: h.members.length })} · {h.grid.name}
                    {h.room ? ` · ${h.room.place}` : ''}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<Household>
          rowKey="id"
          size="small"
          columns={choice.columns}
          dataSource={items}
          loading={list.isPending}
          pagination={false}
          locale={{ emptyText: t('households.none') }}
          onRow={(h) => ({ onClick: () => open(h), style: { cursor: 'pointer' } })}
          data-testid="household-table"
        />
      )}
      <Flex justify="center" gap={8} style={{ marginTop: 16 }}>
        {cursors.length > 0 && <Button onClick={() => setCursors((c) => c.slice(0, -1))}>←</Button>}
        {list.data?.nextCursor && (
          <Button onClick={() => setCursors((c) => [...c, list.data?.nextCursor ?? ''])}>
            {t('households.more')}
          </Button>
        )}
      </Flex>
      {adding && <HouseholdFormModal onSaved={open} onClose={() => setAdding(false)} />}
    </Card>
  )
}
