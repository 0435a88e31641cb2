import type { DepartmentKey } from '../../staff/department-kinds'
import type {
  CategoryDef,
  Duration,
  ExtraField,
  FilingStandard,
  HandlingLevel,
  Urgency,
} from './categories.types'

export const hours = (n: number): Duration => ({ hours: n })
export const days = (n: number): Duration => ({ days: n })

/** Working hours in a working day; used only to compare limits given in different units. */
export const HOURS_PER_DAY = 8

export function inHours(d: Duration): number {
  return 'hours' in d ? d.hours : d.days * HOURS_PER_DAY
}

// Limits a dispatcher would actually set, in working hours: ½ h … 1 day (8 h) … 20 days.
const STEPS = [0.5, 1, 2, 4, 8, 16, 24, 40, 56, 80, 120, 160]

function stepAtMost(h: number): Duration {
  const step = STEPS.findLast((s) => s <= h) ?? 0.5
  return step >= HOURS_PER_DAY && step % HOURS_PER_DAY === 0 ? days(step / HOURS_PER_DAY) : hours(step)
}

/**
 * The urgent 紧急 and critical 特急 limits when a class does not set them: at most half and a quarter of
 * the normal limit, rounded down to a usual step (4 h → 2 h, 1 h; 5 days → 2 days, 1 day).
 */
export function tighten(normal: Duration): Record<Urgency, Duration> {
  const n = inHours(normal)
  return { normal, urgent: stepAtMost(n / 2), critical: stepAtMost(n / 4) }
}

/** A small class as written in a catalogue file; what it leaves out comes from the catalogue's defaults. */
export interface SmallInput {
  filing: string
  closing: string
  level: HandlingLevel
  department: DepartmentKey | null
  /** The normal-urgency handling limit. */
  handle: Duration
  urgent?: Duration
  critical?: Duration
  accept?: Duration
  verify?: Duration
  evidence?: { handle: boolean; verify: boolean }
  selfHandle?: boolean
  admitted?: boolean
  legacy?: string[]
  fields?: ExtraField[]
}

interface CatalogueDefaults {
  accept: Duration
  verify: Duration
  evidence: { handle: boolean; verify: boolean }
}

/** `big` and `small` constructors for one catalogue, so that the data files read as a table. */
export function catalogueBuilder(catalogue: CategoryDef['catalogue'], defaults: CatalogueDefaults) {
  const big = (code: string, zh: string, en: string): CategoryDef => ({ code, catalogue, zh, en })

  const small = (code: string, zh: string, en: string, input: SmallInput): CategoryDef => {
    const handle = tighten(input.handle)
    const standard: FilingStandard = {
      filingCondition: input.filing,
      closingCondition: input.closing,
      level: input.level,
      department: input.department,
      limits: {
        accept: input.accept ?? defaults.accept,
        handle: {
          normal: handle.normal,
          urgent: input.urgent ?? handle.urgent,
          critical: input.critical ?? handle.critical,
        },
        verify: input.verify ?? defaults.verify,
      },
      evidence: input.evidence ?? defaults.evidence,
      selfHandle: input.selfHandle ?? false,
      admitted: input.admitted ?? false,
    }
    return {
      code,
      catalogue,
      zh,
      en,
      ...(input.legacy ? { legacy: input.legacy } : {}),
      standard,
      ...(input.fields ? { fields: input.fields } : {}),
    }
  }

  return { big, small }
}

/** A single-value-list field; values are [key, zh, en]. */
export function listField(
  key: string,
  zh: string,
  en: string,
  required: boolean,
  values: [string, string, string][],
): ExtraField {
  return {
    key,
    zh,
    en,
    type: 'singlevaluelist',
    required,
    values: values.map(([k, z, e]) => ({ key: k, zh: z, en: e })),
  }
}
