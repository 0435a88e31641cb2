import { PlusOutlined } from '@ant-design/icons'
import { Button, Flex, Form, InputNumber, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Indicator } from './assessment.api'
import { RemoveRow } from './RemoveRow'
import { IndicatorSelect, useUnitSuffix } from './SchemeItemsTable'

/** At most as many rules as the server takes. */
const MAX_BONUSES = 20

/**
 * 加分项: points added (or taken, below zero) when an indicator reaches a value — a rate in per
 * cent as the items' thresholds are, any other unit as it is counted.
 */
export function SchemeBonuses({
  catalogue,
  editable,
}: {
  catalogue: readonly Indicator[]
  editable: boolean
}) {
  const { t } = useTranslation()
  const suffix = useUnitSuffix()
  const form = Form.useFormInstance()
  // Which unit each row's threshold is in follows the indicator chosen.
  const rows = Form.useWatch('bonuses', form) as { indicator?: string }[] | undefined
  const rules = [{ required: true, message: t('assessment.schemes.required') }]
  return (
    <section>
      <Typography.Title level={5}>{t('assessment.schemes.bonusRules')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('assessment.schemes.bonusHint')}</Typography.Paragraph>
      <Form.List name="bonuses">
        {(fields, { add, remove }) => (
          <Flex vertical gap={6} data-testid="scheme-bonuses">
            {fields.map((f) => {
              const indicator = rows?.[f.name]?.indicator
              const unit = catalogue.find((i) => i.key === indicator)?.unit
              return (
                <Space key={f.key} align="start" wrap data-testid="scheme-bonus">
                  <Form.Item name={[f.name, 'indicator']} style={{ margin: 0, width: 220 }} rules={rules}>
                    <IndicatorSelect
                      catalogue={catalogue}
                      ariaLabel={t('assessment.schemes.indicator')}
                      testId="bonus-indicator"
                    />
                  </Form.Item>
                  <span style={{ lineHeight: '32px' }}>{t('assessment.schemes.atLeast')}</span>
                  <Form.Item name={[f.name, 'atLeast']} style={{ margin: 0 }} rules={rules}>
                    <InputNumber
                      style={{ width: 110 }}
                      suffix={suffix(unit)}
                      aria-label={t('assessment.schemes.atLeast')}
                      data-testid="bonus-at-least"
                    />
                  </Form.Item>
                  <span style={{ lineHeight: '32px' }}>→</span>
                  <Form.Item name={[f.name, 'points']} style={{ margin: 0 }} rules={rules}>
                    <InputNumber
                      min={-20}
                      max={20}
                      step={0.5}
                      style={{ width: 110 }}
                      suffix={t('assessment.schemes.bonusPoints')}
                      aria-label={t('assessment.schemes.bonusPoints')}
                      data-testid="bonus-points"
                    />
                  </Form.Item>
                  {editable && <RemoveRow onRemove={() => remove(f.name)} />}
                </Space>
              )
            })}
            {editable && fields.length < MAX_BONUSES && (
              <Button
                icon={<PlusOutlined />}
                style={{ alignSelf: 'start' }}
                onClick={() => add({})}
                data-testid="scheme-add-bonus"
              >
                {t('assessment.schemes.addBonus')}
              </Button>
            )}
          </Flex>
        )}
      </Form.List>
    </section>
  )
}
