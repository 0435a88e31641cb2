import { Checkbox, Form } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ActionForm, FieldsProps } from './actionForm'
import { NoteField, PublicTextField, ReasonField } from './fields'

/** reject, return, escalate 提级, suspend 挂起, void, reopen: a reason is required. */
function ReasonFields({ action }: FieldsProps) {
  const { t } = useTranslation()
  return (
    <>
      <ReasonField />
      {action === 'suspend' && (
        <Form.Item name="deferred" valuePropName="checked">
          <Checkbox>{t('cases.form.deferred')}</Checkbox>
        </Form.Item>
      )}
      <PublicTextField />
      <NoteField />
    </>
  )
}

export const reasonForm: ActionForm = {
  Fields: ReasonFields,
  body: (action, v) => (action === 'suspend' ? { deferred: v.deferred ?? false } : {}),
}
