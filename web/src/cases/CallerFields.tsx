import { Col, Form, Input, Row } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CaseCreateBody } from './cases.api'

export type Caller = NonNullable<CaseCreateBody['caller']>

/** The caller's contact, sent only when something was typed: blanks mean the caller left none. */
export function callerOf(caller: Caller | undefined): Caller | undefined {
  const name = caller?.name?.trim()
  const phone = caller?.phone?.trim()
  return name || phone ? { name: name || undefined, phone: phone || undefined } : undefined
}

/**
 * A call typed in for its caller 代录: their name and phone, so they are told of the case and can be
 * called back 回访 (stored encrypted, shown masked). Shown only when the source is the hotline.
 */
export function CallerFields() {
  const { t } = useTranslation()
  const source = Form.useWatch<CaseCreateBody['source']>('source')
  if (source !== 'hotline') return null
  return (
    <Row gutter={12} data-testid="case-caller">
      <Col span={10}>
        <Form.Item name={['caller', 'name']} label={t('cases.create.callerName')}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col span={14}>
        <Form.Item
          name={['caller', 'phone']}
          label={t('cases.create.callerPhone')}
          extra={t('cases.create.callerHelp')}
          rules={[{ pattern: /^[0-9+\-\s()]{5,20}$/, message: t('cases.create.callerPhoneInvalid') }]}
        >
          <Input maxLength={20} inputMode="tel" autoComplete="off" />
        </Form.Item>
      </Col>
    </Row>
  )
}
