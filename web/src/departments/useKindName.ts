import { useTranslation } from 'react-i18next'

/** A department kind in the reader's language; an unknown or missing kind says so. */
export function useKindName() {
  const { t, i18n } = useTranslation()
  return (kind: string | null) => {
    if (!kind) return t('departments.kindNone')
    const key = `departments.kinds.${kind}`
    return i18n.exists(key) ? t(key) : kind
  }
}
