import { Form, Select, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { GridTreePicker } from '../common/GridTreePicker'
import { useLocalName } from '../i18n'
import type { Scheme } from './assessment.api'
import { usePeriodText } from './format'
import { defaultOf, kindOf, PERIOD_KINDS, type PeriodKind, periodsOf } from './period'

/** The scheme, the period (month, quarter, half-year or year) and the area to assess. */
export function RunFilters({
  schemes,
  scheme,
  period,
  area,
  onChange,
}: {
  schemes: readonly Scheme[]
  scheme: string | undefined
  period: string
  area: string
  onChange: (next: { scheme?: string; period?: string; area?: string }) => void
}) {
  const { t } = useTranslation()
  const local = useLocalName()
  const periodText = usePeriodText()
  const now = new Date()
  const kind = kindOf(period)

  return (
    <Form layout="inline" style={{ rowGap: 8, marginBottom: 16 }}>
      <Form.Item label={t('assessment.filters.scheme')}>
        <Select
          style={{ width: 216 }}
          value={scheme}
          onChange={(s) => onChange({ scheme: s })}
          options={schemes.map((s) => ({ value: s.id, label: local(s.name.zh, s.name.en) }))}
          data-testid="assessment-scheme"
        />
      </Form.Item>
      <Form.Item label={t('assessment.filters.period')}>
        <Space.Compact>
          <Select<PeriodKind>
            style={{ width: 84 }}
            value={kind}
            onChange={(k) => onChange({ period: defaultOf(k, now) })}
            options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`assessment.filters.kinds.${k}`) }))}
            aria-label={t('assessment.filters.period')}
            data-testid="assessment-period-kind"
          />
          <Select
            style={{ width: 150 }}
            value={period}
            onChange={(p) => onChange({ period: p })}
            options={periodsOf(kind, now).map((p) => ({ value: p, label: periodText(p) }))}
            data-testid="assessment-period"
          />
        </Space.Compact>
      </Form.Item>
      <Form.Item label={t('assessment.filters.area')} style={{ minWidth: 260 }}>
        <GridTreePicker
          value={area || undefined}
          onChange={(path) => onChange({ area: path ?? '' })}
          placeholder={t('assessment.filters.whole')}
          testId="assessment-area"
        />
      </Form.Item>
    </Form>
  )
}
