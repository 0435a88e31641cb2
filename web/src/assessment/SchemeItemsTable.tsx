import { PlusOutlined } from '@ant-design/icons'
import { Button, Form, InputNumber, Select, Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useLocalName } from '../i18n'
import type { Indicator, IndicatorUnit } from './assessment.api'
import { RemoveRow } from './RemoveRow'
import { weightTotal } from './schemeForm'

/** The suffix of a threshold in its indicator's unit (rates are entered in per cent). */
export function useUnitSuffix() {
  const { t } = useTranslation()
  return (unit: IndicatorUnit | undefined) => {
    if (unit === 'rate') return '%'
    if (unit === 'hours') return t('assessment.units.hours', { value: '' }).trim()
    if (unit === 'km') return t('assessment.units.km', { value: '' }).trim()
    return undefined
  }
}

/** An indicator picked from the catalogue, its formula under it as help. */
export function IndicatorSelect({
  catalogue,
  value,
  onChange,
  only,
  testId,
  ariaLabel,
  id,
}: {
  catalogue: readonly Indicator[]
  value?: string
  onChange?: (key: string) => void
  /** Offer only indicators of these units (a piece rate counts, an hourly rate hours). */
  only?: readonly IndicatorUnit[]
  testId?: string
  ariaLabel?: string
  id?: string
}) {
  const local = useLocalName()
  const picked = catalogue.find((i) => i.key === value)
  return (
    <>
      <Select
        id={id}
        value={value}
        onChange={onChange}
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: '100%', minWidth: 160 }}
        popupMatchSelectWidth={false}
        options={catalogue
          .filter((i) => !only || only.includes(i.unit))
          .map((i) => ({ value: i.key, label: local(i.name.zh, i.name.en), title: i.formula }))}
        aria-label={ariaLabel}
        data-testid={testId}
      />
      {picked && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 2 }}>
          {picked.formula}
        </Typography.Text>
      )}
    </>
  )
}

/** One threshold, with its indicator's unit beside it (read from the row's indicator as it changes). */
function Threshold({
  name,
  field,
  catalogue,
}: {
  name: number
  field: 'floor' | 'target'
  catalogue: readonly Indicator[]
}) {
  const { t } = useTranslation()
  const suffix = useUnitSuffix()
  const indicator = Form.useWatch(['items', name, 'indicator'])
  const unit = catalogue.find((i) => i.key === indicator)?.unit
  return (
    <Form.Item
      name={[name, field]}
      style={{ margin: 0 }}
      rules={[
        { required: true, message: t('assessment.schemes.required') },
        ({ getFieldValue }) => ({
          validator: (_, v) =>
            field === 'target' && v !== undefined && v === getFieldValue(['items', name, 'floor'])
              ? Promise.reject(new Error(t('assessment.schemes.differ')))
              : Promise.resolve(),
        }),
      ]}
    >
      <InputNumber style={{ width: 120 }} suffix={suffix(unit)} data-testid={`item-${field}`} />
    </Form.Item>
  )
}

/** 考核指标: each weighed indicator with its weight, 零分线 and 满分线; the weights' total below. */
export function SchemeItemsTable({
  catalogue,
  editable,
}: {
  catalogue: readonly Indicator[]
  editable: boolean
}) {
  const { t } = useTranslation()
  const items = Form.useWatch('items')
  return (
    <Form.List name="items">
      {(fields, { add, remove }) => (
        <>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={fields}
            data-testid="scheme-items"
            columns={[
              {
                key: 'indicator',
                title: t('assessment.schemes.indicator'),
                render: (_, f) => (
                  <Form.Item
                    name={[f.name, 'indicator']}
                    style={{ margin: 0 }}
                    rules={[
                      { required: true, message: t('assessment.schemes.pickIndicator') },
                      ({ getFieldValue }) => ({
                        validator: (_, v) =>
                          v &&
                          (getFieldValue('items') as { indicator?: string }[]).filter(
                            (i) => i?.indicator === v,
                          ).length > 1
                            ? Promise.reject(new Error(t('assessment.schemes.twice')))
                            : Promise.resolve(),
                      }),
                    ]}
                  >
                    <IndicatorSelect catalogue={catalogue} testId="item-indicator" />
                  </Form.Item>
                ),
              },
              {
                key: 'weight',
                title: t('assessment.schemes.weight'),
                width: 110,
                render: (_, f) => (
                  <Form.Item
                    name={[f.name, 'weight']}
                    style={{ margin: 0 }}
                    rules={[{ required: true, message: t('assessment.schemes.required') }]}
                  >
                    <InputNumber min={0.01} max={100} style={{ width: 90 }} data-testid="item-weight" />
                  </Form.Item>
                ),
              },
              {
                key: 'floor',
                title: <span title={t('assessment.schemes.floorHelp')}>{t('assessment.schemes.floor')}</span>,
                width: 140,
                render: (_, f) => <Threshold name={f.name} field="floor" catalogue={catalogue} />,
              },
              {
                key: 'target',
                title: (
                  <span title={t('assessment.schemes.targetHelp')}>{t('assessment.schemes.target')}</span>
                ),
                width: 140,
                render: (_, f) => <Threshold name={f.name} field="target" catalogue={catalogue} />,
              },
              ...(editable
                ? [
                    {
                      key: 'remove',
                      width: 48,
                      render: (_: unknown, f: { name: number }) => (
                        <RemoveRow onRemove={() => remove(f.name)} disabled={fields.length <= 1} />
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <div
            style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 8 }}
          >
            {editable ? (
              <Button icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 30}>
                {t('assessment.schemes.add')}
              </Button>
            ) : (
              <span />
            )}
            <Typography.Text data-testid="scheme-weights">
              {t('assessment.schemes.weights', { total: weightTotal(items) })}{' '}
              <Typography.Text type="secondary">{t('assessment.schemes.weightsNote')}</Typography.Text>
            </Typography.Text>
          </div>
        </>
      )}
    </Form.List>
  )
}
