/**
 * The shape of an event category catalogue: big classes (2 digits) and small classes (5 digits, big class
 * + 3), each small class carrying its filing standard 立结案标准 (立案条件, 结案条件, default handler and
 * time limits), as GB/T 47678.5-2026 and the municipal rules that implement it lay them out.
 */

/** Where an event is handled by default: "small matters stay in the grid" 小事不出网格. */
export type HandlingLevel = 'grid' | 'community' | 'street' | 'district'

/** A time limit in working hours 工作时 or working days 工作日, counted on the deployment's calendar. */
export type Duration = { hours: number } | { days: number }

/** 一般 / 紧急 / 特急 */
export type Urgency = 'normal' | 'urgent' | 'critical'

export const URGENCIES = ['normal', 'urgent', 'critical'] as const satisfies readonly Urgency[]

export interface FilingStandard {
  /** 立案条件 (zh) */
  filingCondition: string
  /** 结案条件 (zh) */
  closingCondition: string
  /** Default handling level. */
  level: HandlingLevel
  /** Default department key (see DEPARTMENT_KEYS); null: the territorial grid handles it (属地). */
  department: string | null
  /** accept 受理/立案 after report, handle 处置 after dispatch (per urgency), verify 核查 after feedback. */
  limits: { accept: Duration; handle: Record<Urgency, Duration>; verify: Duration }
  /** A photo is required when handling / verifying. */
  evidence: { handle: boolean; verify: boolean }
  /** A grid worker may self-handle 自行处置 on the spot. */
  selfHandle: boolean
  /** On the admitted list 网格事项准入清单: may be dispatched down to grid workers. */
  admitted: boolean
}

export interface ExtraField {
  key: string
  zh: string
  en: string
  type: 'string' | 'number' | 'singlevaluelist'
  required: boolean
  values?: { key: string; zh: string; en: string }[]
}

export interface CategoryDef {
  /** 2-digit big class '06' or 5-digit small class '06010'. */
  code: string
  catalogue: 'city' | 'social'
  zh: string
  en: string
  /**
   * GB/T 30428.2 legacy codes this class stands for, for imported data: 'E' (事件) or 'C' (部件) and
   * 4 digits (big 2 + small 2), since legacy event and component codes overlap.
   */
  legacy?: string[]
  /** Small classes only. */
  standard?: FilingStandard
  /** Extra attributes asked at intake (they become Open311 service attributes). */
  fields?: ExtraField[]
}

/**
 * Natures of a hotline request 诉求性质 with the 12345 handling limit: 咨询/求助 ≤3 working days,
 * 投诉/举报 ≤13 working days. The reference gives no limit for 建议; it gets the longer one.
 */
export const REQUEST_NATURES = [
  { key: 'consultation', zh: '咨询', en: 'Consultation', limit: { days: 3 } },
  { key: 'help', zh: '求助', en: 'Request for help', limit: { days: 3 } },
  { key: 'complaint', zh: '投诉', en: 'Complaint', limit: { days: 13 } },
  { key: 'report', zh: '举报', en: 'Report of wrongdoing', limit: { days: 13 } },
  { key: 'suggestion', zh: '建议', en: 'Suggestion', limit: { days: 13 } },
] as const satisfies readonly { key: string; zh: string; en: string; limit: Duration }[]

export type RequestNature = (typeof REQUEST_NATURES)[number]['key']

/** A category row as the intake and the case lists read it (case_categories). */
export interface CategoryRow {
  code: string
  catalogue: string
  parent_code: string | null
  name_zh: string
  name_en: string
  standard: FilingStandard | null
  active: boolean
}
