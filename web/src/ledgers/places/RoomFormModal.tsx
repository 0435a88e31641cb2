import { Form, Input, InputNumber, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { FormModal } from '../../common/FormModal'
import { useRequiredRule } from '../../common/useRequiredRule'
import { PersonPicker } from '../people/PersonPicker'
import {
  addRoom,
  addUnit,
  placesKey,
  type RoomCreate,
  type RoomDetail,
  registerRental,
  updateRoom,
} from './places.api'
import { HOUSE_USES, OCCUPANCIES, OWNERSHIPS } from './words'

/** A new unit 单元 of a building. */
export function UnitFormModal({ buildingId, onClose }: { buildingId: string; onClose: () => void }) {
  const { t } = useTranslation()
  const required = useRequiredRule()
  return (
    <FormModal<{ name: string }, unknown>
      title={t('places.addUnit')}
      name="unit"
      placement={{ fields: { 'body.name': 'name' }, codes: { 'ledger.duplicate_unit': 'name' } }}
      submit={(v) => addUnit(buildingId, v.name)}
      invalidate={placesKey}
      success={t('places.unitCreated')}
      onSuccess={onClose}
      onClose={onClose}
    >
      <Form.Item name="name" label={t('places.unitName')} rules={[required]}>
        <Input maxLength={30} data-testid="unit-name" />
      </Form.Item>
    </FormModal>
  )
}

/** A new room 户室 with its house fields 实有房屋. */
export function RoomFormModal({
  buildingId,
  units,
  onClose,
}: {
  buildingId: string
  units: { id: string; name: string }[]
  onClose: () => void
}) {
  const { t } = useTranslation()
  const required = useRequiredRule()
  const options = (table: string, codes: readonly string[]) =>
    codes.map((c) => ({ value: c, label: t(`places.${table}.${c}`) }))
  return (
    <FormModal<RoomCreate, unknown>
      title={t('places.addRoom')}
      name="room"
      initialValues={{ unitId: units[0]?.id }}
      placement={{
        fields: { 'body.number': 'number', 'body.area': 'area', 'body.floor': 'floor' },
        codes: { 'ledger.duplicate_room': 'number' },
      }}
      submit={(v) => addRoom(buildingId, v)}
      invalidate={placesKey}
      success={t('places.roomCreated')}
      onSuccess={onClose}
      onClose={onClose}
    >
      {units.length > 0 && (
        <Form.Item name="unitId" label={t('places.units')}>
          <Select allowClear options={units.map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
      )}
      <Form.Item name="number" label={t('places.roomNumber')} rules={[required]}>
        <Input maxLength={20} data-testid="room-number" />
      </Form.Item>
      <Form.Item name="floor" label={t('places.floor')}>
        <InputNumber min={-10} max={300} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="area" label={t('places.area')}>
        <InputNumber min={0} max={1000000} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="houseUse" label={t('places.houseUse')}>
        <Select allowClear options={options('houseUses', HOUSE_USES)} />
      </Form.Item>
      <Form.Item name="ownership" label={t('places.ownership')}>
        <Select allowClear options={options('ownerships', OWNERSHIPS)} />
      </Form.Item>
      <Form.Item name="occupancy" label={t('places.occupancy')}>
        <Select allowClear options={options('occupancies', OCCUPANCIES)} data-testid="room-occupancy" />
      </Form.Item>
    </FormModal>
  )
}

/** A room's house fields changed at its version (a stale version is refused: reload). */
export function RoomEditModal({ room, onClose }: { room: RoomDetail; onClose: () => void }) {
  const { t } = useTranslation()
  const options = (table: string, codes: readonly string[]) =>
    codes.map((c) => ({ value: c, label: t(`places.${table}.${c}`) }))
  return (
    <FormModal<Omit<RoomCreate, 'unitId' | 'number'>, unknown>
      title={t('places.editRoom', { number: room.number })}
      name="room-edit"
      initialValues={{
        floor: room.floor,
        area: room.area,
        houseUse: room.houseUse,
        ownership: room.ownership,
        occupancy: room.occupancy,
      }}
      placement={{ fields: { 'body.area': 'area', 'body.floor': 'floor' } }}
      submit={(v) =>
        updateRoom(room.id, {
          floor: v.floor ?? null,
          area: v.area ?? null,
          houseUse: v.houseUse ?? null,
          ownership: v.ownership ?? null,
          occupancy: v.occupancy ?? null,
          version: room.version,
        })
      }
      invalidate={placesKey}
      success={t('places.updated')}
      onSuccess={onClose}
      onClose={onClose}
    >
      <Form.Item name="floor" label={t('places.floor')}>
        <InputNumber min={-10} max={300} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="area" label={t('places.area')}>
        <InputNumber min={0} max={1000000} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="houseUse" label={t('places.houseUse')}>
        <Select allowClear options={options('houseUses', HOUSE_USES)} />
      </Form.Item>
      <Form.Item name="ownership" label={t('places.ownership')}>
        <Select allowClear options={options('ownerships', OWNERSHIPS)} />
      </Form.Item>
      <Form.Item name="occupancy" label={t('places.occupancy')}>
        <Select allowClear options={options('occupancies', OCCUPANCIES)} data-testid="room-edit-occupancy" />
      </Form.Item>
    </FormModal>
  )
}

interface RentalValues {
  tenants: string[]
  landlordPersonId?: string
  startsOn: string
  endsOn?: string
  purpose?: string
}

/** A rental registration 出租房屋登记: dates and tenants (record numbers, one a line or comma-separated). */
export function RentalModal({ roomId, onClose }: { roomId: string; onClose: () => void }) {
  const { t } = useTranslation()
  const required = useRequiredRule()
  const blank = (v?: string) => (v?.trim() ? v.trim() : undefined)
  return (
    <FormModal<RentalValues, unknown>
      title={t('places.registerRental')}
      name="rental"
      placement={{
        fields: { 'body.startsOn': 'startsOn', 'body.endsOn': 'endsOn', 'body.tenants': 'tenants' },
        codes: { 'ledger.person_not_found': 'tenants', 'ledger.residence_dates': 'startsOn' },
      }}
      submit={(v) =>
        registerRental({
          roomId,
          tenants: v.tenants,
          landlordPersonId: blank(v.landlordPersonId),
          startsOn: v.startsOn,
          endsOn: blank(v.endsOn),
          purpose: blank(v.purpose),
        })
      }
      invalidate={placesKey}
      success={t('places.rentalRegistered')}
      onSuccess={onClose}
      onClose={onClose}
    >
      <Form.Item
        name="tenants"
        label={t('places.tenants')}
        extra={t('places.tenantsHint')}
        rules={[required]}
      >
        <PersonPicker multiple testId="rental-tenants" />
      </Form.Item>
      <Form.Item name="landlordPersonId" label={t('places.landlord')}>
        <PersonPicker />
      </Form.Item>
      <Form.Item name="startsOn" label={t('places.startsOn')} rules={[required]}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="endsOn" label={t('places.endsOn')}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="purpose" label={t('places.purpose')}>
        <Input maxLength={100} />
      </Form.Item>
    </FormModal>
  )
}
