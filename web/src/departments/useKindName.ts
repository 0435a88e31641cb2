import { useTranslation } from 'react-i18next'

/** A department kind in the reader's language (the names the routing settings use); an unknown or missing kind says so. */
export function useKindName() {
  const { t, i18n } = useTranslation()
  return (kind: string | null) => {
    if (!kind) return t('departments.kindNone')
    const key = `caseConfig.kinds.${kind}`
    return i18n.exists(key) ? t(key) : kind
  }
}
