import { Col, Form, Input, InputNumber, Row, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { CaseMap } from '../cases/CaseMap'
import { FormModal } from '../common/FormModal'
import { GridTreePicker } from '../common/GridTreePicker'
import { useGrid } from '../grids/grids.api'
import { boundsOf } from '../map/fit'
import { type Checkpoint, createCheckpoint, patrolsKey } from './patrols.api'

interface CheckpointForm {
  grid: string
  name: string
  lng: number
  lat: number
  radiusM: number
}

/** 新增必到点: a named place in a grid, picked on the map or typed, with the radius that counts as reached. */
export function CheckpointModal({
  grid,
  onClose,
  onCreated,
}: {
  grid: string | undefined
  onClose: () => void
  onCreated: (c: Checkpoint) => void
}) {
  const { t } = useTranslation()
  return (
    <FormModal<CheckpointForm, Checkpoint>
      title={t('patrols.checkpoints.create')}
      name="checkpoint"
      width={720}
      initialValues={{ grid, radiusM: 50 }}
      submit={(v) =>
        createCheckpoint({
          grid: v.grid,
          name: v.name,
          location: { lng: v.lng, lat: v.lat },
          radiusM: v.radiusM,
        })
      }
      invalidate={patrolsKey}
      success={t('patrols.checkpoints.created')}
      placement={{
        fields: { 'body.location.lng': 'lng', 'body.location.lat': 'lat', 'body.grid': 'grid' },
        codes: { 'patrol.configure_forbidden': 'grid' },
      }}
      onSuccess={onCreated}
      onClose={onClose}
    >
      <CheckpointFields />
    </FormModal>
  )
}

/** The fields, inside the modal's form: a click on the map fills the coordinates. */
function CheckpointFields() {
  const { t } = useTranslation()
  const form = Form.useFormInstance<CheckpointForm>()
  const grid = Form.useWatch('grid', form)
  const lng = Form.useWatch('lng', form)
  const lat = Form.useWatch('lat', form)
  const shown = useGrid(grid ?? null).data
  const point = typeof lng === 'number' && typeof lat === 'number' ? { lng, lat } : null
  return (
    <>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="name" label={t('patrols.checkpoints.name')} rules={[{ required: true }]}>
            <Input maxLength={100} data-testid="checkpoint-name" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="grid" label={t('patrols.grid')} rules={[{ required: true }]}>
            <GridTreePicker valueKey="code" testId="checkpoint-grid" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary">{t('patrols.checkpoints.pickHint')}</Typography.Paragraph>
      <CaseMap
        point={point}
        bounds={shown ? boundsOf(shown.boundary) : null}
        onPick={(p) => form.setFieldsValue({ lng: round(p.lng), lat: round(p.lat) })}
        tiles
        height={260}
      />
      <Row gutter={12} style={{ marginTop: 12 }}>
        <Col span={8}>
          <Form.Item name="lng" label={t('patrols.checkpoints.lng')} rules={[{ required: true }]}>
            <InputNumber
              min={-180}
              max={180}
              step={0.0001}
              style={{ width: '100%' }}
              data-testid="checkpoint-lng"
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="lat" label={t('patrols.checkpoints.lat')} rules={[{ required: true }]}>
            <InputNumber
              min={-90}
              max={90}
              step={0.0001}
              style={{ width: '100%' }}
              data-testid="checkpoint-lat"
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="radiusM" label={t('patrols.checkpoints.radius')} rules={[{ required: true }]}>
            <InputNumber min={5} max={1000} precision={0} suffix="m" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </>
  )
}

/** Six decimals: about 0.1 m, finer than any phone's fix. */
const round = (v: number) => Math.round(v * 1e6) / 1e6
