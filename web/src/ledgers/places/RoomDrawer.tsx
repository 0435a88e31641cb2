import {
  Button,
  Descriptions,
  Divider,
  Drawer,
  Empty,
  Flex,
  Form,
  Grid,
  Input,
  List,
  Modal,
  Select,
  Spin,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { FormAlert } from '../../common/FormAlert'
import { QueryError } from '../../common/QueryError'
import { useAction } from '../../common/useAction'
import { useFormErrors } from '../../common/useFormErrors'
import { useRequiredRule } from '../../common/useRequiredRule'
import { PersonPicker } from '../people/PersonPicker'
import { moveIn, moveOut, type Occupant, placesKey, today, useRoom } from './places.api'
import { RentalModal, RoomEditModal } from './RoomFormModal'
import { OccupancyTag, RELATIONS } from './words'

function OccupantItem({ o, action }: { o: Occupant; action?: React.ReactNode }) {
  const { t } = useTranslation()
  return (
    <List.Item actions={action ? [action] : []} data-testid="occupant">
      <List.Item.Meta
        title={
          <Flex gap={8} align="center" wrap>
            <Link to={`/ledgers/people/${o.personId}`} title={t('places.openPerson')}>
              {o.name}
            </Link>
            <Tag>{t(`places.relations.${o.relation}`, { defaultValue: o.relation })}</Tag>
          </Flex>
        }
        description={
          o.until ? t('places.range', { from: o.since, to: o.until }) : t('places.since', { date: o.since })
        }
      />
    </List.Item>
  )
}

/** Moving someone in: the person's record number, how they live here, and from when. */
function MoveInModal({ roomId, onClose }: { roomId: string; onClose: () => void }) {
  const { t } = useTranslation()
  const required = useRequiredRule()
  const [form] = Form.useForm()
  const errors = useFormErrors(form, {
    fields: { 'body.personId': 'personId', 'body.fromDate': 'fromDate' },
    codes: {
      'ledger.person_not_found': 'personId',
      'ledger.already_resident': 'personId',
      'ledger.residence_dates': 'fromDate',
    },
  })
  const save = useAction(
    (v: { personId: string; relation: (typeof RELATIONS)[number]; fromDate: string }) =>
      moveIn(roomId, { personId: v.personId, relation: v.relation, fromDate: v.fromDate }),
    {
      invalidate: [placesKey],
      success: t('places.movedIn'),
      onMutate: errors.clear,
      onError: errors.show,
      onSuccess: onClose,
    },
  )
  return (
    <Modal
      open
      title={t('places.moveIn')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
    >
      <FormAlert message={errors.alert} />
      <Form
        form={form}
        layout="vertical"
        name="move-in"
        initialValues={{ relation: 'family', fromDate: today() }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="personId"
          label={t('places.personId')}
          extra={t('places.personIdHint')}
          rules={[required]}
        >
          <PersonPicker testId="move-in-person" />
        </Form.Item>
        <Form.Item name="relation" label={t('places.relation')} rules={[required]}>
          <Select options={RELATIONS.map((r) => ({ value: r, label: t(`places.relations.${r}`) }))} />
        </Form.Item>
        <Form.Item name="fromDate" label={t('places.fromDate')} rules={[required]}>
          <Input type="date" data-testid="move-in-date" />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function MoveOutModal({
  roomId,
  occupant,
  onClose,
}: {
  roomId: string
  occupant: Occupant
  onClose: () => void
}) {
  const { t } = useTranslation()
  // A move-out is recorded after it: the last day lived there defaults to yesterday.
  const [date, setDate] = useState(today(1))
  const save = useAction(() => moveOut(roomId, occupant.residenceId, date), {
    invalidate: [placesKey],
    success: t('places.movedOut'),
    onSuccess: onClose,
  })
  return (
    <Modal
      open
      title={t('places.moveOutTitle', { name: occupant.name })}
      onOk={() => save.mutate(undefined)}
      onCancel={onClose}
      confirmLoading={save.isPending}
    >
      <Typography.Paragraph>{t('places.toDate')}</Typography.Paragraph>
      <Input
        type="date"
        value={date}
        onChange={(e) => e.target.value && setDate(e.target.value)}
        data-testid="move-out-date"
      />
    </Modal>
  )
}

/** A room: its house fields, who lives there now (masked), who lived there before, its rentals; move in and out. */
export function RoomDrawer({ roomId, onClose }: { roomId: string; onClose: () => void }) {
  const { t } = useTranslation()
  const phone = !Grid.useBreakpoint().md
  const room = useRoom(roomId)
  const [movingIn, setMovingIn] = useState(false)
  const [movingOut, setMovingOut] = useState<Occupant | null>(null)
  const [dialog, setDialog] = useState<'edit' | 'rental' | null>(null)
  const r = room.data
  const mayWrite = r?.abilities.includes('update') ?? false
  const code = (table: string, value: string | null) =>
    value ? t(`places.${table}.${value}`, { defaultValue: value }) : '—'

  return (
    <Drawer
      open
      onClose={onClose}
      width={phone ? '100%' : 480}
      title={r ? `${r.unitName ? `${r.unitName} ` : ''}${r.number}` : ''}
      extra={r && <OccupancyTag occupancy={r.occupancy} />}
      data-testid="room-drawer"
    >
      <QueryError error={room.error} />
      {room.isPending && <Spin />}
      {r && (
        <>
          <Typography.Text type="secondary">{r.building.address}</Typography.Text>
          <Descriptions size="small" column={2} style={{ marginTop: 12 }}>
            <Descriptions.Item label={t('places.floor')}>{r.floor ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('places.area')}>{r.area ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('places.houseUse')}>
              {code('houseUses', r.houseUse)}
            </Descriptions.Item>
            <Descriptions.Item label={t('places.ownership')}>
              {code('ownerships', r.ownership)}
            </Descriptions.Item>
          </Descriptions>
          {mayWrite && (
            <Flex gap={8} wrap style={{ marginTop: 8 }}>
              <Button onClick={() => setDialog('edit')} data-testid="room-edit">
                {t('places.editRoomButton')}
              </Button>
              <Button onClick={() => setDialog('rental')} data-testid="rental-add">
                {t('places.registerRental')}
              </Button>
            </Flex>
          )}
          <Divider />
          <Flex justify="space-between" align="center">
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('places.occupants')}
            </Typography.Title>
            {mayWrite && (
              <Button type="primary" onClick={() => setMovingIn(true)} data-testid="move-in">
                {t('places.moveIn')}
              </Button>
            )}
          </Flex>
          <List
            data-testid="room-occupants"
            dataSource={r.occupants}
            locale={{ emptyText: t('places.vacantNow') }}
            renderItem={(o) => (
              <OccupantItem
                o={o}
                action={
                  mayWrite && (
                    <Button size="small" onClick={() => setMovingOut(o)} data-testid="move-out">
                      {t('places.moveOut')}
                    </Button>
                  )
                }
              />
            )}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('places.masked')}
          </Typography.Text>
          {r.rentals.length > 0 && (
            <>
              <Divider />
              <Typography.Title level={5}>{t('places.rentals')}</Typography.Title>
              {r.rentals.map((x) => (
                <div key={x.id}>
                  {t('places.rentalRange', {
                    from: x.startsOn,
                    to: x.endsOn ?? t('places.open'),
                    tenants: x.tenants,
                  })}
                </div>
              ))}
            </>
          )}
          <Divider />
          <Typography.Title level={5}>{t('places.history')}</Typography.Title>
          {r.history.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('places.noHistory')} />
          ) : (
            <List
              dataSource={r.history}
              renderItem={(o) => <OccupantItem o={o} />}
              data-testid="room-history"
            />
          )}
        </>
      )}
      {r && dialog === 'edit' && <RoomEditModal room={r} onClose={() => setDialog(null)} />}
      {dialog === 'rental' && <RentalModal roomId={roomId} onClose={() => setDialog(null)} />}
      {movingIn && <MoveInModal roomId={roomId} onClose={() => setMovingIn(false)} />}
      {movingOut && <MoveOutModal roomId={roomId} occupant={movingOut} onClose={() => setMovingOut(null)} />}
    </Drawer>
  )
}
