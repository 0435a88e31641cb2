import { useLanguage } from '../i18n'

/** Formats server timestamps in the reader's language and the browser's time zone. */
export function useFormatTime() {
  const lang = useLanguage()
  return (iso: string | null | undefined) =>
    iso ? new Date(iso).toLocaleString(lang, { hour12: false }) : '—'
}
