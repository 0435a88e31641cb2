import { useTranslation } from 'react-i18next'

export function useRequiredRule() {
  const { t } = useTranslation()
  return { required: true, message: t('common.required') }
}
