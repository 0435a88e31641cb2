import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Card, Descriptions, Empty, Flex, Grid, Popconfirm, Space, Spin, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { QueryError } from '../../common/QueryError'
import { useAction } from '../../common/useAction'
import { deleteBuilding, placesKey, type Room, useBuilding, useBuildingRooms } from './places.api'
import { RoomDrawer } from './RoomDrawer'
import { RoomFormModal, UnitFormModal } from './RoomFormModal'
import { OccupancyTag } from './words'

/** One room as a tile: its number, occupancy and who lives there (masked). */
function RoomTile({ room, onOpen }: { room: Room; onOpen: () => void }) {
  const { t } = useTranslation()
  const phone = !Grid.useBreakpoint().md
  return (
    <Card
      size="small"
      hoverable
      onClick={onOpen}
      style={{ width: phone ? 'calc(50% - 4px)' : 150 }}
      styles={{ body: { padding: 10 } }}
      data-testid="room-tile"
    >
      <Flex justify="space-between" align="center" gap={4}>
        <Typography.Text strong>{room.number}</Typography.Text>
        <OccupancyTag occupancy={room.occupancy} />
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {room.occupants.length > 0 ? room.occupants.map((o) => o.name).join('、') : t('places.vacantNow')}
      </Typography.Text>
    </Card>
  )
}

/** 楼栋 → 单元 → 房屋: a building's rooms by unit, each with its occupants; a click opens the room. */
export function BuildingPage() {
  const { id = '' } = useParams()
  const { t } = useTranslation()
  const navigate = useNavigate()
  const phone = !Grid.useBreakpoint().md
  const building = useBuilding(id)
  const rooms = useBuildingRooms(id)
  const [roomId, setRoomId] = useState<string | null>(null)
  const [dialog, setDialog] = useState<'unit' | 'room' | null>(null)
  const remove = useAction(() => deleteBuilding(id), {
    invalidate: [placesKey],
    success: t('places.deleted'),
    onSuccess: () => navigate('/ledgers/buildings'),
  })
  const b = building.data
  const mayWrite = b?.abilities.includes('update') ?? false
  const units = rooms.data?.units ?? []
  const groups = [
    { id: null as string | null, name: t('places.noUnit') },
    ...units.map((u) => ({ id: u.id as string | null, name: u.name })),
  ]
    .map((g) => ({ ...g, rooms: (rooms.data?.rooms ?? []).filter((r) => r.unitId === g.id) }))
    .filter((g) => g.id !== null || g.rooms.length > 0)

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Link to="/ledgers/buildings">
        <ArrowLeftOutlined /> {t('places.back')}
      </Link>
      <QueryError error={building.error ?? rooms.error} />
      {b && (
        <Card
          title={b.address}
          extra={
            !phone &&
            b.abilities.includes('delete') && (
              <Popconfirm title={t('places.deleteConfirm')} onConfirm={() => remove.mutate(undefined)}>
                <Button danger loading={remove.isPending} data-testid="building-delete">
                  {t('places.delete')}
                </Button>
              </Popconfirm>
            )
          }
        >
          <Descriptions size="small" column={phone ? 1 : 3}>
            <Descriptions.Item label={t('places.name')}>{b.name}</Descriptions.Item>
            <Descriptions.Item label={t('places.code')}>{b.code}</Descriptions.Item>
            <Descriptions.Item label={t('places.grid')}>{b.grid.name}</Descriptions.Item>
            {b.estate && <Descriptions.Item label={t('places.estate')}>{b.estate}</Descriptions.Item>}
            {b.floors && <Descriptions.Item label={t('places.floors')}>{b.floors}</Descriptions.Item>}
          </Descriptions>
          <Typography.Text type="secondary">
            {t('places.roomsSummary', { units: b.units, rooms: b.rooms, occupied: b.occupiedRooms })}
          </Typography.Text>
          {phone && b.abilities.includes('delete') && (
            <Popconfirm title={t('places.deleteConfirm')} onConfirm={() => remove.mutate(undefined)}>
              <Button
                danger
                block
                loading={remove.isPending}
                style={{ marginTop: 16 }}
                data-testid="building-delete"
              >
                {t('places.delete')}
              </Button>
            </Popconfirm>
          )}
        </Card>
      )}
      <Card
        title={t('places.rooms')}
        extra={
          mayWrite && (
            <Space wrap>
              <Button icon={<PlusOutlined />} onClick={() => setDialog('unit')} data-testid="unit-add">
                {t('places.addUnit')}
              </Button>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setDialog('room')}
                data-testid="room-add"
              >
                {t('places.addRoom')}
              </Button>
            </Space>
          )
        }
      >
        {rooms.isPending && <Spin />}
        {rooms.data && rooms.data.rooms.length === 0 && <Empty description={t('places.noRooms')} />}
        {groups.map((g) => (
          <div key={g.id ?? 'none'} style={{ marginBottom: 16 }} data-testid="unit-group">
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {g.name} <Tag>{g.rooms.length}</Tag>
            </Typography.Title>
            <Flex wrap gap={8}>
              {g.rooms.map((r) => (
                <RoomTile key={r.id} room={r} onOpen={() => setRoomId(r.id)} />
              ))}
            </Flex>
          </div>
        ))}
      </Card>
      {roomId && <RoomDrawer roomId={roomId} onClose={() => setRoomId(null)} />}
      {dialog === 'unit' && <UnitFormModal buildingId={id} onClose={() => setDialog(null)} />}
      {dialog === 'room' && <RoomFormModal buildingId={id} units={units} onClose={() => setDialog(null)} />}
    </Space>
  )
}
