import { PlusOutlined } from '@ant-design/icons'
import { Button, Flex, type TableColumnsType, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { useCan } from '../../auth/auth.api'
import { useColumnChoice } from '../ColumnChooser'
import { LedgerFilters, LedgerList, useCursorPages, usePhone } from '../LedgerList'
import { ExportButton } from '../records/ExportButton'
import { BuildingFormModal } from './BuildingFormModal'
import { type Building, useBuildings } from './places.api'

/** 房屋楼栋: the buildings in the reader's grids, searched by address, filtered by grid; a click opens one. */
export function BuildingsPage() {
  const { t } = useTranslation()
  const can = useCan()
  const navigate = useNavigate()
  const phone = usePhone()
  const [q, setQ] = useState<string | undefined>()
  const [grid, setGrid] = useState<string | undefined>()
  const [adding, setAdding] = useState(false)
  const pages = useCursorPages()
  const list = useBuildings({ q, grid, cursor: pages.cursor })
  const open = (b: Building) => navigate(`/ledgers/buildings/${b.id}`)

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
    <>
      <LedgerList<Building>
        testId="building"
        title={t('places.title')}
        actions={
          <>
            {choice.chooser}
            <ExportButton kind="rooms" filters={{ grid, q }} compact={phone} />
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
          </>
        }
        filters={
          <LedgerFilters
            testId="building"
            grid={grid}
            onGrid={(code) => {
              setGrid(code)
              pages.reset()
            }}
            anyGrid={t('places.anyGrid')}
            q={q}
            onSearch={(value) => {
              setQ(value)
              pages.reset()
            }}
            searchPlaceholder={t('places.search')}
          />
        }
        error={list.error}
        loading={list.isPending}
        items={list.data?.items ?? []}
        columns={choice.columns}
        phoneItem={(b) => ({
          title: b.address,
          description: (
            <Typography.Text type="secondary">
              {b.name} · {b.grid.name} · {t('places.rooms')} {b.rooms} · {t('places.occupied')}{' '}
              {b.occupiedRooms}
            </Typography.Text>
          ),
        })}
        onOpen={open}
        emptyText={t('places.none')}
        footer={pages.pager(list.data?.nextCursor, t('places.more'))}
      />
      {adding && <BuildingFormModal onSaved={open} onClose={() => setAdding(false)} />}
    </>
  )
}
