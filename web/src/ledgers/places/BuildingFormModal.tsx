import { Form, Input, InputNumber } from 'antd'
import { useTranslation } from 'react-i18next'
import { CasePointPicker } from '../../cases/CasePointPicker'
import { FormModal } from '../../common/FormModal'
import { useRequiredRule } from '../../common/useRequiredRule'
import { type Building, type BuildingCreate, createBuilding, placesKey } from './places.api'

const placement = {
  fields: {
    'body.code': 'code',
    'body.name': 'name',
    'body.address': 'address',
    'body.estate': 'estate',
    'body.floors': 'floors',
    'body.point': 'point',
  },
  codes: { 'ledger.duplicate_code': 'code', 'ledger.outside_grids': 'point', 'grid.out_of_scope': 'point' },
}

/** A new building: its standard address and its point picked on the map (the grid follows from it). */
export function BuildingFormModal({
  onSaved,
  onClose,
}: {
  onSaved: (b: Building) => void
  onClose: () => void
}) {
  const { t } = useTranslation()
  const required = useRequiredRule()
  const blank = (v?: string | null) => (v?.trim() ? v.trim() : undefined)
  return (
    <FormModal<BuildingCreate, Building>
      title={t('places.add')}
      name="building"
      width={720}
      placement={placement}
      submit={(v) =>
        createBuilding({ ...v, estate: blank(v.estate), road: blank(v.road), number: blank(v.number) })
      }
      invalidate={placesKey}
      success={t('places.created')}
      onSuccess={onSaved}
      onClose={onClose}
    >
      <Form.Item
        name="address"
        label={t('places.address')}
        rules={[required]}
        extra={t('places.addressHint')}
      >
        <Input maxLength={200} data-testid="building-address" />
      </Form.Item>
      <Form.Item name="name" label={t('places.name')} rules={[required]}>
        <Input maxLength={100} data-testid="building-name" />
      </Form.Item>
      <Form.Item name="code" label={t('places.code')} rules={[required]}>
        <Input maxLength={32} data-testid="building-code" />
      </Form.Item>
      <Form.Item name="estate" label={t('places.estate')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="floors" label={t('places.floors')}>
        <InputNumber min={1} max={300} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="point"
        label={t('places.point')}
        rules={[{ required: true, message: t('places.pointRequired') }]}
      >
        <CasePointPicker hint={t('places.pointHint')} />
      </Form.Item>
    </FormModal>
  )
}
