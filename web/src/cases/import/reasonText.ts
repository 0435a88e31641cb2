import { useTranslation } from 'react-i18next'
import type { RowFailure } from './importApi'

/** The server's English detail of a bad row, as a key under cases.import.details and its value. */
const DETAILS: [RegExp, string][] = [
  [/^no ticket number/, 'noTicket'],
  [/^unknown category (.*)$/, 'category'],
  [/^No small class (\S+)/, 'category'],
  [/^unknown request nature (.*)$/, 'nature'],
  [/^column (\d+):/, 'badText'],
  [/^location/, 'location'],
  [/^description/, 'description'],
  [/^address/, 'address'],
  [/^urgency/, 'urgency'],
]

/** Why a row was not imported, in the reader's language: the code's reason, then the detail. */
export function useReasonText() {
  const { t, i18n } = useTranslation()
  return (f: RowFailure) => {
    const key = `cases.import.reasons.${f.code.replace('.', '_')}`
    const reason = i18n.exists(key) ? t(key) : t('cases.import.reasons.other')
    for (const [pattern, detail] of DETAILS) {
      const m = pattern.exec(f.reason)
      if (m) return { reason, detail: t(`cases.import.details.${detail}`, { value: m[1] ?? '' }) }
    }
    return { reason, detail: f.reason }
  }
}
