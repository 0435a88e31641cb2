import type { CalendarDay } from './calendar'
import { CN_2020, CN_2021, CN_2022, CN_2023, CN_2024, CN_2025 } from './calendar.cn-2020-2025'
import { CN_2026 } from './calendar.cn-2026'

/**
 * The State Council's arrangements the product ships, by the year of their notice (the 2023 notice's
 * New Year holiday starts on Dec 31, 2022). A later year is added through the calendar settings screen
 * or WANGGE_CALENDAR until a release ships it (see README.md).
 */
export const CN_ARRANGEMENTS: Readonly<Record<number, readonly CalendarDay[]>> = {
  2020: CN_2020,
  2021: CN_2021,
  2022: CN_2022,
  2023: CN_2023,
  2024: CN_2024,
  2025: CN_2025,
  2026: CN_2026,
}

export const CN_DAYS: readonly CalendarDay[] = Object.values(CN_ARRANGEMENTS).flat()
