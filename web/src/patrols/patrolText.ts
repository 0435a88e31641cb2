import { useTranslation } from 'react-i18next'

/** Durations, distances and shares of the patrol screens, in the reader's language. */
export function usePatrolText() {
  const { t } = useTranslation()
  const duration = (seconds: number | null | undefined) => {
    if (seconds === null || seconds === undefined) return '—'
    const minutes = Math.round(seconds / 60)
    const hours = Math.floor(minutes / 60)
    return hours > 0
      ? t('patrols.hoursMinutes', { hours, minutes: minutes % 60 })
      : t('patrols.minutes', { minutes })
  }
  const distance = (metres: number | null | undefined) => {
    if (metres === null || metres === undefined) return '—'
    return metres >= 1000
      ? t('patrols.km', { km: (metres / 1000).toFixed(2) })
      : t('patrols.m', { m: Math.round(metres) })
  }
  return { duration, distance, percent }
}

/** A share 0–1 as a percentage with at most one decimal: 0.3333 → "33.3%". */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined) return '—'
  return `${Math.round(share * 1000) / 10}%`
}
