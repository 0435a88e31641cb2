import { Checkbox, Col, Form, Input, InputNumber, Row, Select, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import {
  DEPARTMENT_KINDS,
  type FilingStandard,
  type HandlingLevel,
  LEVELS,
  type StoredStandard,
  URGENCIES,
} from './config.api'

type Unit = 'hours' | 'days'
type Urgency = (typeof URGENCIES)[number]
type Duration = FilingStandard['limits']['accept']

interface DurationValue {
  amount: number
  unit: Unit
}

/** A filing standard as the form holds it: limits split into amount and unit, '' for the territorial grid. */
export interface StandardValues {
  filingCondition: string
  closingCondition: string
  level: HandlingLevel
  department: string
  limits: { accept: DurationValue; handle: Record<Urgency, DurationValue>; verify: DurationValue }
  evidence: { handle: boolean; verify: boolean }
  selfHandle: boolean
  admitted: boolean
}

const toValue = (d: Duration): DurationValue =>
  'hours' in d ? { amount: d.hours, unit: 'hours' } : { amount: d.days, unit: 'days' }
const toDuration = (v: DurationValue): Duration =>
  v.unit === 'hours' ? { hours: v.amount } : { days: v.amount }

/** What a new local small class starts from, when no class is selected to copy. */
export const BLANK_STANDARD: FilingStandard = {
  filingCondition: '',
  closingCondition: '',
  level: 'street',
  department: null,
  limits: {
    accept: { hours: 1 },
    handle: { normal: { days: 1 }, urgent: { hours: 4 }, critical: { hours: 2 } },
    verify: { hours: 2 },
  },
  evidence: { handle: true, verify: true },
  selfHandle: false,
  admitted: false,
}

export function toStandardValues(s: StoredStandard): StandardValues {
  return {
    filingCondition: s.filingCondition,
    closingCondition: s.closingCondition,
    level: s.level as HandlingLevel,
    department: s.department ?? '',
    limits: {
      accept: toValue(s.limits.accept),
      handle: {
        normal: toValue(s.limits.handle.normal),
        urgent: toValue(s.limits.handle.urgent),
        critical: toValue(s.limits.handle.critical),
      },
      verify: toValue(s.limits.verify),
    },
    evidence: { ...s.evidence },
    selfHandle: s.selfHandle,
    admitted: s.admitted,
  }
}

export function toStandard(v: StandardValues): FilingStandard {
  return {
    filingCondition: v.filingCondition,
    closingCondition: v.closingCondition,
    level: v.level,
    department: v.department === '' ? null : v.department,
    limits: {
      accept: toDuration(v.limits.accept),
      handle: {
        normal: toDuration(v.limits.handle.normal),
        urgent: toDuration(v.limits.handle.urgent),
        critical: toDuration(v.limits.handle.critical),
      },
      verify: toDuration(v.limits.verify),
    },
    evidence: { ...v.evidence },
    selfHandle: v.selfHandle,
    admitted: v.admitted,
  }
}

function DurationField({ name, label }: { name: (string | number)[]; label: string }) {
  const { t } = useTranslation()
  return (
    <Form.Item label={label} required>
      <Space.Compact block>
        <Form.Item
          name={[...name, 'amount']}
          noStyle
          rules={[{ required: true, message: t('common.required') }]}
        >
          <InputNumber style={{ width: '50%' }} step={0.5} />
        </Form.Item>
        <Form.Item name={[...name, 'unit']} noStyle>
          <Select
            style={{ width: '50%' }}
            options={[
              { value: 'hours', label: t('caseConfig.standard.hours') },
              { value: 'days', label: t('caseConfig.standard.days') },
            ]}
          />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  )
}

/** The fields of a filing standard 立结案标准, under `standard` in the surrounding form. */
export function StandardFields() {
  const { t } = useTranslation()
  const required = [{ required: true, whitespace: true, message: t('common.required') }]
  return (
    <>
      <Form.Item
        name={['standard', 'filingCondition']}
        label={t('caseConfig.standard.filing')}
        rules={required}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
      <Form.Item
        name={['standard', 'closingCondition']}
        label={t('caseConfig.standard.closing')}
        rules={required}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name={['standard', 'level']} label={t('caseConfig.standard.level')}>
            <Select options={LEVELS.map((l) => ({ value: l, label: t(`cases.levels.${l}`) }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name={['standard', 'department']}
            label={t('caseConfig.standard.department')}
            tooltip={t('caseConfig.standard.departmentHelp')}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={[
                { value: '', label: t('caseConfig.standard.territorial') },
                ...DEPARTMENT_KINDS.map((k) => ({ value: k, label: t(`caseConfig.kinds.${k}`) })),
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <DurationField name={['standard', 'limits', 'accept']} label={t('caseConfig.standard.accept')} />
        </Col>
        <Col span={12}>
          <DurationField name={['standard', 'limits', 'verify']} label={t('caseConfig.standard.verify')} />
        </Col>
        {URGENCIES.map((u) => (
          <Col span={8} key={u}>
            <DurationField
              name={['standard', 'limits', 'handle', u]}
              label={t('caseConfig.standard.handle', { urgency: t(`cases.urgencies.${u}`) })}
            />
          </Col>
        ))}
      </Row>
      <Space wrap size="large">
        <Form.Item name={['standard', 'evidence', 'handle']} valuePropName="checked" noStyle>
          <Checkbox>{t('caseConfig.standard.evidenceHandle')}</Checkbox>
        </Form.Item>
        <Form.Item name={['standard', 'evidence', 'verify']} valuePropName="checked" noStyle>
          <Checkbox>{t('caseConfig.standard.evidenceVerify')}</Checkbox>
        </Form.Item>
        <Form.Item name={['standard', 'admitted']} valuePropName="checked" noStyle>
          <Checkbox>{t('caseConfig.standard.admitted')}</Checkbox>
        </Form.Item>
        <Form.Item name={['standard', 'selfHandle']} valuePropName="checked" noStyle>
          <Checkbox>{t('caseConfig.standard.selfHandle')}</Checkbox>
        </Form.Item>
      </Space>
    </>
  )
}
