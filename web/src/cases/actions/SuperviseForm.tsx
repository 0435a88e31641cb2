import { Form, Radio } from 'antd'
import { useTranslation } from 'react-i18next'
import { useRequiredRule } from '../../common/useRequiredRule'
import { SUPERVISION_GRADES } from '../caseLoopText'
import { useCaseName } from '../caseText'
import type { ActionForm } from './actionForm'
import { NoteField } from './fields'

/** 督办: the grade of supervision put on the case. */
function SuperviseFields() {
  const { t } = useTranslation()
  const required = useRequiredRule()
  const name = useCaseName()
  return (
    <>
      <Form.Item
        name="grade"
        label={t('cases.form.grade')}
        extra={t('cases.form.gradeHelp')}
        rules={[required]}
      >
        <Radio.Group
          optionType="button"
          options={SUPERVISION_GRADES.map((g) => ({ value: g, label: name('supervision', g) }))}
        />
      </Form.Item>
      <NoteField />
    </>
  )
}

export const superviseForm: ActionForm = { Fields: SuperviseFields, body: (_, v) => ({ grade: v.grade }) }
