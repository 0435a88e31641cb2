import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/client'

/** Says what went wrong in the reader's language: a known code is translated, else the server's title. */
export function useErrorText() {
  const { t, i18n } = useTranslation()
  return (error: unknown) => errorText(t, (key) => i18n.exists(key), error)
}

function errorText(t: TFunction, exists: (key: string) => boolean, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.unknown')
  if (error.code === 'auth.password_weak') return passwordWeakText(t, exists, error)
  const key = `errors.${error.code}`
  if (exists(key)) return t(key, waitTimes(error))
  return error.title || t('errors.unknown')
}

function waitTimes(error: ApiError) {
  const seconds = Number(error.extra.retryAfterSeconds ?? 0)
  return { seconds, minutes: Math.max(1, Math.ceil(seconds / 60)) }
}

/** The reason and zxcvbn's feedback keys (`common`, `anotherWord` …) in the reader's language. */
function passwordWeakText(t: TFunction, exists: (key: string) => boolean, error: ApiError): string {
  const reason = String(error.extra.reason ?? 'guessable')
  const keys = [
    `errors.auth.password_weak.${reason}`,
    `passwordFeedback.warnings.${String(error.extra.warning ?? '')}`,
    ...((error.extra.suggestions as string[] | undefined) ?? []).map(
      (s) => `passwordFeedback.suggestions.${s}`,
    ),
  ]
  return keys
    .filter(exists)
    .map((k) => t(k))
    .join(t('passwordFeedback.join'))
}
