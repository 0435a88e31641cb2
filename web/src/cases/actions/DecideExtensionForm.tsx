import { Descriptions, Form, Radio } from 'antd'
import { useTranslation } from 'react-i18next'
import { useDurationText } from '../caseLoopText'
import type { CaseView } from '../cases.api'
import type { ActionForm, FieldsProps } from './actionForm'
import { NoteField } from './fields'

/** What the handler asked for, shown to whoever decides. */
function PendingExtension({ c }: { c: CaseView }) {
  const { t } = useTranslation()
  const durationText = useDurationText()
  const pending = c.pendingExtension
  if (!pending) return null
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      style={{ marginBottom: 16 }}
      items={[
        { key: 'duration', label: t('cases.extension.duration'), children: durationText(pending.duration) },
        { key: 'reason', label: t('cases.extension.reason'), children: pending.reason },
      ]}
    />
  )
}

/** 延期审批: the extension asked for is granted or refused. */
function DecideExtensionFields({ c }: FieldsProps) {
  const { t } = useTranslation()
  return (
    <>
      <PendingExtension c={c} />
      <Form.Item name="pass" label={t('cases.form.decision')}>
        <Radio.Group
          options={[
            { value: true, label: t('cases.form.grant') },
            { value: false, label: t('cases.form.refuse') },
          ]}
        />
      </Form.Item>
      <NoteField />
    </>
  )
}

export const decideExtensionForm: ActionForm = {
  Fields: DecideExtensionFields,
  body: (_, v) => ({ pass: v.pass }),
}
