import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/client'
import { useErrorText } from '../common/errorText'

/** A resident's wording for the problems the public pages meet; the app's own otherwise. */
export function usePublicErrorText() {
  const { t, i18n } = useTranslation()
  const fallback = useErrorText()
  return (error: unknown) => {
    if (!(error instanceof ApiError)) return fallback(error)
    const key = `public.problems.${error.code}`
    if (!i18n.exists(key)) return fallback(error)
    return t(key, { seconds: Number(error.extra.retryAfterSeconds ?? 60) })
  }
}
