import { Form, InputNumber, Radio, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ActionForm, ActionValues, FieldsProps } from './actionForm'
import { NoteField, PublicTextField } from './fields'

/** 吹哨: two or more departments summoned, one of them marked as the lead, a time to report in. */
function WhistleFields({ departments }: FieldsProps) {
  const { t } = useTranslation()
  const form = Form.useFormInstance<ActionValues>()
  const chosen = Form.useWatch<string[] | undefined>('departments') ?? []
  const nameOf = (code: string) => departments.find((d) => d.code === code)?.name ?? code
  // The lead must be among the summoned: the first chosen leads until another is marked.
  const keepLead = (codes: string[]) => {
    if (!codes.includes(form.getFieldValue('lead'))) form.setFieldValue('lead', codes[0])
  }
  return (
    <>
      <Form.Item
        name="departments"
        label={t('cases.form.summoned')}
        extra={t('cases.form.summonedHelp')}
        rules={[{ required: true, type: 'array', min: 2, message: t('cases.form.summonedMin') }]}
      >
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          options={departments.map((d) => ({ value: d.code, label: d.name }))}
          onChange={keepLead}
          data-testid="whistle-departments"
        />
      </Form.Item>
      {chosen.length > 0 && (
        <Form.Item
          name="lead"
          label={t('cases.form.lead')}
          extra={t('cases.form.leadHelp')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Radio.Group options={chosen.map((code) => ({ value: code, label: nameOf(code) }))} />
        </Form.Item>
      )}
      <Form.Item name="reportHours" label={t('cases.form.reportIn')} extra={t('cases.form.reportInHelp')}>
        <InputNumber min={1} max={2000} precision={0} placeholder="2" suffix={t('cases.form.workingHours')} />
      </Form.Item>
      <PublicTextField />
      <NoteField />
    </>
  )
}

export const whistleForm: ActionForm = {
  Fields: WhistleFields,
  body: (_, v) => ({
    departments: v.departments,
    lead: v.lead,
    // Left empty, the server gives the summoned two working hours.
    ...(v.reportHours ? { duration: { hours: v.reportHours } } : {}),
  }),
}
