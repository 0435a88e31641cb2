import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { AuditEntry } from '../api/types'
import { type AuditNames, useLabel, useSummaryValue } from './auditText'

/** A row's summary as "field: value" lines, in the reader's words, never as raw JSON. */
export function AuditSummary({ entry, names }: { entry: AuditEntry; names: AuditNames }) {
  const { t } = useTranslation()
  const label = useLabel()
  const value = useSummaryValue(names)
  const fields = Object.entries(entry.summary)
  if (fields.length === 0) return <Typography.Text type="secondary">—</Typography.Text>
  return (
    <dl style={{ margin: 0 }} data-testid="audit-summary">
      {fields.map(([key, v]) => (
        <div key={key} style={{ display: 'flex' }}>
          <dt style={{ color: 'rgba(0,0,0,0.45)', whiteSpace: 'nowrap' }}>
            {label('fields', key)}
            {t('audit.colon')}
          </dt>
          <dd style={{ margin: 0, wordBreak: 'break-word' }}>{value(key, v)}</dd>
        </div>
      ))}
    </dl>
  )
}
