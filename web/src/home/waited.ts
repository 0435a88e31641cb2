import { useTranslation } from 'react-i18next'

/** How long since an instant, in whole days, hours and minutes (never negative). */
export function waitedSince(iso: string, now: Date) {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 60_000))
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 }
}

/** "最久 3 天 2 小时": how long the oldest case of a queue has waited, to the unit that matters. */
export function useWaitedText() {
  const { t } = useTranslation()
  return (iso: string, now: Date) => {
    const { days, hours, minutes } = waitedSince(iso, now)
    if (days > 0) return t('home.todo.waitedDays', { days, hours })
    if (hours > 0) return t('home.todo.waitedHours', { hours, minutes })
    return minutes > 0 ? t('home.todo.waitedMinutes', { minutes }) : t('home.todo.waitedMoment')
  }
}
