import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Checkbox, DatePicker, Form, Input, Radio, Select, Space, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { FormModal } from '../common/FormModal'
import { GridTreePicker } from '../common/GridTreePicker'
import { type Campaign, type CampaignCreate, campaignsKey, createCampaign } from './campaigns.api'

const KINDS = ['gas_safety', 'epidemic', 'verification', 'power_saving', 'other'] as const
const TARGETS = ['household', 'building', 'person'] as const
const FIELD_TYPES = ['yesno', 'choice', 'number', 'text', 'photo'] as const

interface FieldValues {
  key: string
  label: string
  type: (typeof FIELD_TYPES)[number]
  required?: boolean
  options?: string
}

interface Values {
  title: string
  kind: CampaignCreate['kind']
  gridCode: string
  target: CampaignCreate['target']
  dates: [Dayjs, Dayjs]
  form?: FieldValues[]
}

const toBody = (v: Values): CampaignCreate => ({
  title: v.title,
  kind: v.kind,
  gridCode: v.gridCode,
  target: v.target,
  startsOn: v.dates[0].format('YYYY-MM-DD'),
  endsOn: v.dates[1].format('YYYY-MM-DD'),
  form: (v.form ?? []).map((f) => ({
    key: f.key,
    label: f.label,
    type: f.type,
    required: f.required ?? false,
    ...(f.type === 'choice'
      ? {
          options: (f.options ?? '')
            .split('\n')
            .map((o) => o.trim())
            .filter(Boolean),
        }
      : {}),
  })),
})

/** 发起专项行动: what, where, one door per what, when, and the questions asked at the door. */
export function NewCampaignModal({
  onClose,
  onCreated,
}: {
  onClose: () => void
  onCreated: (c: Campaign) => void
}) {
  const { t } = useTranslation()
  return (
    <FormModal<Values, Campaign>
      title={t('campaigns.create')}
      name="campaign"
      width={720}
      submit={(v) => createCampaign(toBody(v))}
      invalidate={campaignsKey}
      success={t('campaigns.created')}
      initialValues={{ kind: 'gas_safety', target: 'household', form: [] }}
      placement={{ fields: { 'body.startsOn': 'dates', 'body.endsOn': 'dates' } }}
      onSuccess={onCreated}
      onClose={onClose}
    >
      <Form.Item name="title" label={t('campaigns.name')} rules={[{ required: true, max: 80 }]}>
        <Input data-testid="campaign-title" />
      </Form.Item>
      <Space size="large" wrap>
        <Form.Item name="kind" label={t('campaigns.kind')} rules={[{ required: true }]}>
          <Select
            style={{ width: 180 }}
            options={KINDS.map((k) => ({ value: k, label: t(`campaigns.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="target" label={t('campaigns.target')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={TARGETS.map((k) => ({ value: k, label: t(`campaigns.targets.${k}`) }))}
          />
        </Form.Item>
      </Space>
      <Form.Item name="gridCode" label={t('campaigns.scope')} rules={[{ required: true }]}>
        <GridTreePicker valueKey="code" testId="campaign-grid" />
      </Form.Item>
      <Form.Item name="dates" label={t('campaigns.dates')} rules={[{ required: true }]}>
        <DatePicker.RangePicker data-testid="campaign-dates" />
      </Form.Item>
      <Typography.Title level={5}>{t('campaigns.form.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('campaigns.form.hint')}</Typography.Paragraph>
      <Form.List name="form">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="start" wrap style={{ display: 'flex', marginBottom: 8 }}>
                <Form.Item
                  name={[field.name, 'label']}
                  rules={[{ required: true, max: 60 }]}
                  style={{ marginBottom: 0 }}
                >
                  <Input placeholder={t('campaigns.form.label')} style={{ width: 180 }} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'key']}
                  rules={[
                    {
                      required: true,
                      pattern: /^[a-z][a-z0-9_]{0,39}$/,
                      message: t('campaigns.form.keyHint'),
                    },
                  ]}
                  style={{ marginBottom: 0 }}
                >
                  <Input placeholder={t('campaigns.form.key')} style={{ width: 130 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'type']} initialValue="yesno" style={{ marginBottom: 0 }}>
                  <Select
                    style={{ width: 100 }}
                    options={FIELD_TYPES.map((k) => ({ value: k, label: t(`campaigns.form.types.${k}`) }))}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'required']}
                  valuePropName="checked"
                  style={{ marginBottom: 0 }}
                >
                  <Checkbox>{t('campaigns.form.required')}</Checkbox>
                </Form.Item>
                <Form.Item noStyle shouldUpdate>
                  {({ getFieldValue }) =>
                    getFieldValue(['form', field.name, 'type']) === 'choice' && (
                      <Form.Item
                        name={[field.name, 'options']}
                        rules={[{ required: true }]}
                        style={{ marginBottom: 0 }}
                      >
                        <Input.TextArea
                          rows={2}
                          placeholder={t('campaigns.form.optionsHint')}
                          style={{ width: 200 }}
                        />
                      </Form.Item>
                    )
                  }
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(field.name)} style={{ marginTop: 8 }} />
              </Space>
            ))}
            <Button
              type="dashed"
              onClick={() => add()}
              icon={<PlusOutlined />}
              data-testid="campaign-add-field"
            >
              {t('campaigns.form.add')}
            </Button>
          </>
        )}
      </Form.List>
    </FormModal>
  )
}
