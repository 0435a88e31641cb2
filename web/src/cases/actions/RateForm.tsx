import { Form, Rate } from 'antd'
import { useTranslation } from 'react-i18next'
import { useRequiredRule } from '../../common/useRequiredRule'
import type { ActionForm } from './actionForm'
import { PublicTextField } from './fields'

/** 评价: the reporter's stars, taken down by staff. */
function RateFields() {
  const { t } = useTranslation()
  const required = useRequiredRule()
  return (
    <>
      <Form.Item name="rating" label={t('cases.form.rating')} rules={[required]}>
        <Rate />
      </Form.Item>
      <PublicTextField />
    </>
  )
}

export const rateForm: ActionForm = { Fields: RateFields, body: (_, v) => ({ rating: v.rating }) }
