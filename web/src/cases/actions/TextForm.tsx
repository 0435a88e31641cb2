import { Form, Input } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CaseAction } from '../cases.api'
import type { ActionForm, FieldsProps } from './actionForm'
import { NoteField, PublicTextField } from './fields'

/** For a text action, the field that must be filled and what the form calls it. */
const MAIN_TEXT: Partial<Record<CaseAction, { field: 'publicText' | 'note'; label: string }>> = {
  handle: { field: 'publicText', label: 'cases.form.result' },
  self_handle: { field: 'publicText', label: 'cases.form.done' },
  comment: { field: 'note', label: 'cases.form.comment' },
  revisit: { field: 'note', label: 'cases.form.revisit' },
}

/** handle, self_handle 自处置, comment, revisit 回访: one text is the point of the action. */
function TextFields({ action }: FieldsProps) {
  const { t } = useTranslation()
  const main = MAIN_TEXT[action]
  if (!main) return null
  return (
    <>
      <Form.Item
        name={main.field}
        label={t(main.label)}
        extra={t(main.field === 'publicText' ? 'cases.form.publicTextHelp' : 'cases.form.noteHelp')}
        rules={[{ required: true, whitespace: true, message: t('common.required') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      {main.field === 'publicText' ? <NoteField /> : action !== 'comment' && <PublicTextField />}
    </>
  )
}

export const textForm: ActionForm = { Fields: TextFields }
