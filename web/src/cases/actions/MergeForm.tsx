import { Form, Input } from 'antd'
import { useTranslation } from 'react-i18next'
import { findCaseId } from '../cases.api'
import { type ActionForm, FieldRefused } from './actionForm'
import { NoteField } from './fields'

/** 合并: into another case, named by its number 编号. */
function MergeFields() {
  const { t } = useTranslation()
  return (
    <>
      <Form.Item
        name="into"
        label={t('cases.form.mergeInto')}
        extra={t('cases.form.mergeHelp')}
        rules={[{ required: true, whitespace: true, message: t('common.required') }]}
      >
        <Input placeholder="E20260101000001" />
      </Form.Item>
      <NoteField />
    </>
  )
}

export const mergeForm: ActionForm = {
  Fields: MergeFields,
  body: async (_, v) => {
    const into = await findCaseId(v.into ?? '')
    if (!into) throw new FieldRefused('into', 'cases.form.mergeNotFound', { no: v.into })
    return { into }
  },
}
