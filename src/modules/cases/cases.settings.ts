import type { DataCipher } from '../../lib/crypto'
import type { WorkCalendar } from './calendar/calendar'
import type { CaseRow } from './cases.repo'
import type { CaseConfigCache } from './config/config.cache'

/** Look-alikes 疑似重复: the same category within this radius and window is offered as a duplicate. */
export interface LookAlikeWindow {
  radiusM: number
  hours: number
}

/** Used when a deployment names no window (the configuration's defaults are the same). */
export const LOOK_ALIKE_DEFAULTS: LookAlikeWindow = { radiusM: 50, hours: 24 }

export interface CasesSettings {
  calendar: WorkCalendar
  /** Categories and routing rules in memory, for intake. */
  catalogue: CaseConfigCache
  /** Encrypts the contact of a caller whose report staff record (the data key's cipher). */
  cipher: DataCipher
  /** The time (tests fix it). */
  clock: () => Date
  /** Same category within this radius and window: offered as a duplicate (default LOOK_ALIKE_DEFAULTS). */
  duplicates?: LookAlikeWindow
  /** Told of each case filed on this node once its report commits (the live map: `publishFiled`). */
  filed?: (row: CaseRow) => void
}

/** The look-alike search around a point at a time: its radius and the earliest report it counts. */
export function lookAlikeWindow(settings: CasesSettings, now: Date): { radiusM: number; since: Date } {
  const { radiusM, hours } = settings.duplicates ?? LOOK_ALIKE_DEFAULTS
  return { radiusM, since: new Date(now.getTime() - hours * 3600_000) }
}
