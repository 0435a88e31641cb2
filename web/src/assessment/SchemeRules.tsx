import { PlusOutlined } from '@ant-design/icons'
import { Button, Flex, Form, InputNumber, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Indicator } from './assessment.api'
import { RemoveRow } from './RemoveRow'
import { IndicatorSelect } from './SchemeItemsTable'

const required = (message: string) => [{ required: true, message }]

/** A list of threshold rows (stars, quality factors): a score from which a value applies. */
function StepList({
  name,
  value,
  valueLabel,
  valueInput,
  addLabel,
  min,
  max,
  testId,
  editable,
}: {
  name: string | (string | number)[]
  value: string
  valueLabel: string
  valueInput: { min: number; max: number; step: number; precision?: number }
  addLabel: string
  min: number
  max: number
  testId: string
  editable: boolean
}) {
  const { t } = useTranslation()
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={6} data-testid={testId}>
          {fields.map((f) => (
            <Space key={f.key} align="start" wrap>
              <span style={{ lineHeight: '32px' }}>{t('assessment.schemes.minScore')}</span>
              <Form.Item
                name={[f.name, 'minScore']}
                style={{ margin: 0 }}
                rules={required(t('assessment.schemes.required'))}
              >
                <InputNumber
                  min={0}
                  max={120}
                  style={{ width: 80 }}
                  aria-label={t('assessment.schemes.minScore')}
                />
              </Form.Item>
              <span style={{ lineHeight: '32px' }}>→</span>
              <Form.Item
                name={[f.name, value]}
                style={{ margin: 0 }}
                rules={required(t('assessment.schemes.required'))}
              >
                <InputNumber
                  {...valueInput}
                  style={{ width: 96 }}
                  suffix={valueLabel}
                  aria-label={valueLabel}
                />
              </Form.Item>
              {editable && <RemoveRow onRemove={() => remove(f.name)} disabled={fields.length <= min} />}
            </Space>
          ))}
          {editable && fields.length < max && (
            <Button icon={<PlusOutlined />} style={{ alignSelf: 'start' }} onClick={() => add({})}>
              {addLabel}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  )
}

/** 星级评定 by score, and the red and black lists 红黑榜. */
/** 红榜 and 黑榜 sizes, and the score under which a subject may be black-listed. */
const LIST_FIELDS = [
  { key: 'red', max: 50, precision: 0 },
  { key: 'black', max: 50, precision: 0 },
  { key: 'blackBelow', max: 120, precision: undefined },
] as const

export function StarsAndLists({ editable }: { editable: boolean }) {
  const { t } = useTranslation()
  return (
    <Flex gap={32} wrap>
      <section style={{ minWidth: 320 }}>
        <Typography.Title level={5}>{t('assessment.schemes.stars')}</Typography.Title>
        <StepList
          name="stars"
          value="stars"
          valueLabel={t('assessment.schemes.starCount')}
          valueInput={{ min: 1, max: 5, step: 1, precision: 0 }}
          addLabel={t('assessment.schemes.addStar')}
          min={0}
          max={5}
          testId="scheme-stars"
          editable={editable}
        />
      </section>
      <section>
        <Typography.Title level={5}>{t('assessment.schemes.lists')}</Typography.Title>
        <Flex vertical gap={6} data-testid="scheme-lists">
          {LIST_FIELDS.map(({ key, max, precision }) => (
            <Form.Item
              key={key}
              layout="horizontal"
              name={['lists', key]}
              label={t(`assessment.schemes.${key}`)}
              style={{ margin: 0 }}
              rules={required(t('assessment.schemes.required'))}
            >
              <InputNumber min={0} max={max} precision={precision} style={{ width: 90 }} />
            </Form.Item>
          ))}
        </Flex>
      </section>
    </Flex>
  )
}

/** A worker scheme's subsidy 补贴: piece rates per counted work, an hourly rate, quality factors, a cap. */
export function SubsidyFields({
  catalogue,
  editable,
}: {
  catalogue: readonly Indicator[]
  editable: boolean
}) {
  const { t } = useTranslation()
  return (
    <section data-testid="scheme-subsidy">
      <Typography.Title level={5}>{t('assessment.schemes.subsidy')}</Typography.Title>
      <Flex gap={32} wrap>
        <Flex vertical gap={6} style={{ minWidth: 360 }}>
          <Typography.Text strong>{t('assessment.schemes.pieceRates')}</Typography.Text>
          <Form.List name={['subsidy', 'pieceRates']}>
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start" wrap>
                    <Form.Item
                      name={[f.name, 'indicator']}
                      style={{ margin: 0, width: 220 }}
                      rules={required(t('assessment.schemes.pickIndicator'))}
                    >
                      <IndicatorSelect catalogue={catalogue} only={['count']} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'yuan']}
                      style={{ margin: 0 }}
                      rules={required(t('assessment.schemes.required'))}
                    >
                      <InputNumber
                        min={0}
                        max={10_000}
                        style={{ width: 130 }}
                        suffix={t('assessment.schemes.yuanPerUnit')}
                      />
                    </Form.Item>
                    {editable && <RemoveRow onRemove={() => remove(f.name)} />}
                  </Space>
                ))}
                {editable && fields.length < 10 && (
                  <Button icon={<PlusOutlined />} style={{ alignSelf: 'start' }} onClick={() => add({})}>
                    {t('assessment.schemes.addPiece')}
                  </Button>
                )}
              </>
            )}
          </Form.List>
          <Typography.Text strong style={{ marginTop: 12 }}>
            {t('assessment.schemes.hourly')}
          </Typography.Text>
          <Space align="start" wrap>
            <Form.Item
              name={['subsidy', 'hourly', 'indicator']}
              style={{ margin: 0, width: 220 }}
              rules={required(t('assessment.schemes.pickIndicator'))}
            >
              <IndicatorSelect
                catalogue={catalogue}
                only={['hours']}
                ariaLabel={t('assessment.schemes.hourlyIndicator')}
              />
            </Form.Item>
            <Form.Item
              name={['subsidy', 'hourly', 'yuan']}
              style={{ margin: 0 }}
              rules={required(t('assessment.schemes.required'))}
            >
              <InputNumber
                min={0}
                max={1_000}
                style={{ width: 130 }}
                suffix={t('assessment.schemes.hourlyRate')}
              />
            </Form.Item>
          </Space>
          <Form.Item
            layout="horizontal"
            name={['subsidy', 'cap']}
            label={t('assessment.schemes.cap')}
            style={{ marginTop: 12 }}
            rules={required(t('assessment.schemes.required'))}
          >
            <InputNumber min={1} max={1_000_000} style={{ width: 130 }} />
          </Form.Item>
        </Flex>
        <Flex vertical gap={6}>
          <Typography.Text strong>{t('assessment.schemes.quality')}</Typography.Text>
          <StepList
            name={['subsidy', 'quality']}
            value="factor"
            valueLabel={t('assessment.schemes.factor')}
            valueInput={{ min: 0, max: 3, step: 0.1 }}
            addLabel={t('assessment.schemes.addQuality')}
            min={1}
            max={10}
            testId="scheme-quality"
            editable={editable}
          />
        </Flex>
      </Flex>
    </section>
  )
}
