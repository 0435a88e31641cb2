import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Grant, Scope } from '../api/types'
import { useLocalName } from '../i18n'

export function useScopeText() {
  const { t } = useTranslation()
  return (scope: Scope) => {
    if (scope.type === 'department') return t('scope.department', { id: scope.id })
    return scope.path ? t('scope.grid', { path: scope.path }) : t('scope.whole')
  }
}

/** A role held in a scope, e.g. “网格员 · 全域”. */
export function GrantTag({ grant, onClose }: { grant: Grant; onClose?: () => void }) {
  const scopeText = useScopeText()
  const localName = useLocalName()
  const label = `${localName(grant.roleNameZh, grant.roleNameEn)} · ${scopeText(grant.scope)}`
  if (!onClose) return <Tag color="blue">{label}</Tag>
  return (
    <Tag
      color="blue"
      closable
      onClose={(event) => {
        // The tag goes when the server has removed the grant and the list reloads, not before.
        event.preventDefault()
        onClose()
      }}
    >
      {label}
    </Tag>
  )
}
