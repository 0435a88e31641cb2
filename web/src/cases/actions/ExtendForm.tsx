import { Form, InputNumber, Select, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ActionForm, ActionValues } from './actionForm'
import { NoteField, ReasonField } from './fields'

/** 延期申请: how much more working time, in hours or days, and why. */
function ExtendFields() {
  const { t } = useTranslation()
  const unit = Form.useWatch<ActionValues['unit']>('unit')
  return (
    <>
      <Form.Item label={t('cases.form.extendBy')} htmlFor="case-extend_amount" required>
        <Space.Compact>
          <Form.Item
            name="amount"
            noStyle
            rules={[{ required: true, message: t('cases.form.extendRequired') }]}
          >
            <InputNumber min={1} max={unit === 'days' ? 250 : 2000} precision={0} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="unit" noStyle>
            <Select
              style={{ width: 120 }}
              options={[
                { value: 'hours', label: t('cases.form.workingHours') },
                { value: 'days', label: t('cases.form.workingDays') },
              ]}
            />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
      <ReasonField />
      <NoteField />
    </>
  )
}

export const extendForm: ActionForm = {
  Fields: ExtendFields,
  body: (_, v) => {
    if (!v.amount) return {}
    return { duration: v.unit === 'days' ? { days: v.amount } : { hours: v.amount } }
  },
}
