import { Form, Input, InputNumber } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Grid } from '../api/types'
import { FormModal } from '../common/FormModal'
import { gridsKey } from './grids.api'
import { type GridPatch, patchGrid } from './reshape/reshape.api'

interface Values {
  name: string
  households: number | null
  population: number | null
  responsibleUnit: string
}

/** Editing a grid's name and counts 编辑 (its boundary changes by a split or a merger). */
export function GridEditDialog({ grid, onClose }: { grid: Grid; onClose: () => void }) {
  const { t } = useTranslation()
  const submit = (v: Values) => {
    const body: GridPatch = {
      name: v.name.trim(),
      households: v.households ?? null,
      population: v.population ?? null,
      responsibleUnit: v.responsibleUnit?.trim() || null,
    }
    return patchGrid(grid.code, body)
  }
  return (
    <FormModal<Values, unknown>
      title={t('grids.edit.title', { code: grid.code })}
      name="grid-edit"
      submit={submit}
      invalidate={gridsKey}
      success={t('grids.edit.done')}
      placement={{
        fields: {
          'body.name': 'name',
          'body.households': 'households',
          'body.population': 'population',
          'body.responsibleUnit': 'responsibleUnit',
        },
      }}
      initialValues={{
        name: grid.name,
        households: grid.households,
        population: grid.population,
        responsibleUnit: grid.responsibleUnit ?? '',
      }}
      onSuccess={onClose}
      onClose={onClose}
    >
      <Form.Item
        name="name"
        label={t('grids.name')}
        rules={[{ required: true, whitespace: true, message: t('common.required') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="households" label={t('grids.households')}>
        <InputNumber min={0} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="population" label={t('grids.population')}>
        <InputNumber min={0} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="responsibleUnit" label={t('grids.responsibleUnit')}>
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  )
}
