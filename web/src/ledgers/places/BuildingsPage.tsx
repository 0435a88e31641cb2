import { PlusOutlined } from '@ant-design/icons'
import { Button, Card, Flex, Grid, Input, List, Table, type TableColumnsType, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { useCan } from '../../auth/auth.api'
import { GridTreePicker } from '../../common/GridTreePicker'
import { QueryError } from '../../common/QueryError'
import { useColumnChoice } from '../ColumnChooser'
import { ExportButton } from '../records/ExportButton'
import { BuildingFormModal } from './BuildingFormModal'
import { type Building, useBuildings } from './places.api'

/** 房屋楼栋: the buildings in the reader's grids, searched by address, filtered by grid; a click opens one. */
export function BuildingsPage() {
  const { t } = useTranslation()
  const can = useCan()
  const navigate = useNavigate()
  const phone = !Grid.useBreakpoint().md
  const [q, setQ] = useState('')
  const [grid, setGrid] = useState<string | undefined>()
  const [cursors, setCursors] = useState<string[]>([])
  const [adding, setAdding] = useState(false)
  const list = useBuildings({ q: q || undefined, grid, cursor: cursors.at(-1) })
  const items = list.data?.items ?? []
  const open = (b: Building) => navigate(`/ledgers/buildings/${b.id}`)
  const reset = () => setCursors([])

  const columns: TableColumnsType<Building> = [
    { key: 'address', title: t('places.address'), dataIndex: 'address' },
    { key: 'name', title: t('places.name'), dataIndex: 'name', width: 160 },
    { key: 'code', title: t('places.code'), dataIndex: 'code', width: 110 },
    { key: 'grid', title: t('places.grid'), render: (_, b) => b.grid.name, width: 160 },
    {
      key: 'rooms',
      title: t('places.rooms'),
      width: 150,
      render: (_, b) => (
        <Flex gap={4}>
          <Tag>{b.rooms}</Tag>
          <Tag color="green">
            {t('places.occupied')} {b.occupiedRooms}
          </Tag>
        </Flex>
      ),
    },
  ]

  const choice = useColumnChoice('buildings', columns)

  return (
    <Card
      title={t('places.title')}
      extra={
        <Flex gap={8}>
          {choice.chooser}
          <ExportButton kind="rooms" filters={{ grid, q: q || undefined }} compact={phone} />
          {can('ledger.write') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setAdding(true)}
              data-testid="building-add"
            >
              {t('places.add')}
            </Button>
          )}
        </Flex>
      }
    >
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('places.search')}
          style={{ width: phone ? '100%' : 320 }}
          onSearch={(value) => {
            setQ(value.trim())
            reset()
          }}
          data-testid="building-search"
        />
        <div style={{ width: phone ? '100%' : 280 }}>
          <GridTreePicker
            valueKey="code"
            value={grid}
            placeholder={t('places.anyGrid')}
            onChange={(code) => {
              setGrid(code)
              reset()
            }}
            testId="building-grid"
          />
        </div>
      </Flex>
      <QueryError error={list.error} />
      {phone ? (
        <List
          loading={list.isPending}
          dataSource={items}
          locale={{ emptyText: t('places.none') }}
          renderItem={(b) => (
            <List.Item onClick={() => open(b)} style={{ cursor: 'pointer' }} data-testid="building-item">
              <List.Item.Meta
                title={b.address}
                description={
                  <Typography.Text type="secondary">
                    {b.name} · {b.grid.name} · {t('places.rooms')} {b.rooms} · {t('places.occupied')}{' '}
                    {b.occupiedRooms}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<Building>
          rowKey="id"
          size="small"
          columns={choice.columns}
          dataSource={items}
          loading={list.isPending}
          pagination={false}
          locale={{ emptyText: t('places.none') }}
          onRow={(b) => ({ onClick: () => open(b), style: { cursor: 'pointer' } })}
          data-testid="building-table"
        />
      )}
      <Flex justify="center" gap={8} style={{ marginTop: 16 }}>
        {cursors.length > 0 && <Button onClick={() => setCursors((c) => c.slice(0, -1))}>←</Button>}
        {list.data?.nextCursor && (
          <Button onClick={() => setCursors((c) => [...c, list.data?.nextCursor ?? ''])}>
            {t('places.more')}
          </Button>
        )}
      </Flex>
      {adding && <BuildingFormModal onSaved={open} onClose={() => setAdding(false)} />}
    </Card>
  )
}
