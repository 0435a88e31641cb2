import { Form, Radio } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ActionForm } from './actionForm'
import { NoteField, PublicTextField } from './fields'

/** 核查: the work on the ground passes or fails. */
function VerifyFields() {
  const { t } = useTranslation()
  return (
    <>
      <Form.Item name="pass" label={t('cases.form.verifyResult')}>
        <Radio.Group
          options={[
            { value: true, label: t('cases.form.pass') },
            { value: false, label: t('cases.form.fail') },
          ]}
        />
      </Form.Item>
      <NoteField />
      <PublicTextField />
    </>
  )
}

export const verifyForm: ActionForm = { Fields: VerifyFields, body: (_, v) => ({ pass: v.pass }) }
