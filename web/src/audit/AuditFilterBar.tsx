import { Button, DatePicker, Form, Input, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { ActorPicker } from './ActorPicker'
import { AUDIT_ACTIONS, AUDIT_RESOURCE_TYPES, type AuditFilters } from './audit.api'
import { useActionName, useLabel } from './auditText'

// RangePicker hands back date objects (dayjs); only this much of them is needed here.
type Instant = { toISOString(): string } | null

interface FilterValues {
  action?: string
  actorId?: string
  resourceType?: string
  resourceId?: string
  range?: [Instant, Instant] | null
}

const trimmed = (value?: string) => value?.trim() || undefined

function toFilters({ range, ...values }: FilterValues): AuditFilters {
  return {
    action: values.action,
    actorId: trimmed(values.actorId),
    resourceType: trimmed(values.resourceType),
    resourceId: trimmed(values.resourceId),
    from: range?.[0]?.toISOString(),
    to: range?.[1]?.toISOString(),
  }
}

export function AuditFilterBar({ onChange }: { onChange: (filters: AuditFilters) => void }) {
  const { t } = useTranslation()
  const actionName = useActionName()
  const label = useLabel()
  const [form] = Form.useForm<FilterValues>()
  return (
    <Form
      form={form}
      name="audit-filters"
      layout="inline"
      onFinish={(values) => onChange(toFilters(values))}
      style={{ marginBottom: 16, rowGap: 8 }}
    >
      <Form.Item name="action" label={t('audit.action')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 200 }}
          placeholder={t('audit.any')}
          options={AUDIT_ACTIONS.map((action) => ({ value: action, label: actionName(action) ?? action }))}
          data-testid="audit-action"
        />
      </Form.Item>
      <Form.Item name="actorId" label={t('audit.actor')}>
        <ActorPicker />
      </Form.Item>
      <Form.Item name="resourceType" label={t('audit.resourceType')}>
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('audit.any')}
          options={AUDIT_RESOURCE_TYPES.map((type) => ({ value: type, label: label('resourceTypes', type) }))}
        />
      </Form.Item>
      <Form.Item name="resourceId" label={t('audit.resourceId')}>
        <Input allowClear style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="range" label={t('audit.range')}>
        <DatePicker.RangePicker showTime />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" data-testid="audit-search">
          {t('common.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields()
            onChange({})
          }}
        >
          {t('common.reset')}
        </Button>
      </Form.Item>
    </Form>
  )
}
