import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { AuditPage } from '../api/types'
import { useLocalName } from '../i18n'

export type AuditNames = AuditPage['names']

const GRID_KEYS = new Set(['grid', 'parent', 'to', 'code', 'path'])

/**
 * A row's summary as a reader reads it: each field under its name in the reader's language, and the
 * grids, departments and roles it mentions by their names beside their codes (the page's `names`).
 */
export function AuditSummary({ summary, names }: { summary: Record<string, unknown>; names: AuditNames }) {
  const { t, i18n } = useTranslation()
  const localName = useLocalName()
  const entries = Object.entries(summary)
  if (entries.length === 0) return <Typography.Text type="secondary">—</Typography.Text>

  const label = (key: string) => (i18n.exists(`audit.fields.${key}`) ? t(`audit.fields.${key}`) : key)
  const named = (key: string, v: string) => {
    const role = key === 'role' ? names.roles[v] : undefined
    if (role) return `${localName(role.zh, role.en)} (${v})`
    const name = GRID_KEYS.has(key) ? names.grids[v] : key === 'department' ? names.departments[v] : undefined
    return name ? `${name} (${v})` : v
  }
  const text = (key: string, value: unknown): string => {
    if (typeof value === 'string') return named(key, value)
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no')
    if (Array.isArray(value)) return value.map((v) => text(key, v)).join('、')
    if (value === null || value === undefined) return '—'
    if (typeof value === 'object')
      return Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${label(k)} ${text(k, v)}`)
        .join('，')
    return String(value)
  }

  return (
    <div data-testid="audit-summary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
      {entries.map(([key, value]) => (
        <div key={key}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {label(key)}
            {t('audit.colon')}
          </Typography.Text>
          {text(key, value)}
        </div>
      ))}
    </div>
  )
}
