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
 * Default department keys 职能部门. A deployment maps them onto its own departments (the departments
 * module's codes); a catalogue may name only these, so that the shipped defaults stay portable.
 */
export const DEPARTMENT_KEYS = [
  { key: 'urban_management', zh: '城管（综合行政执法）', en: 'Urban management' },
  { key: 'municipal', zh: '市政设施管理', en: 'Municipal facilities' },
  { key: 'sanitation', zh: '环卫', en: 'Sanitation' },
  { key: 'greening', zh: '园林绿化', en: 'Parks and greening' },
  { key: 'housing', zh: '住建', en: 'Housing and construction' },
  { key: 'natural_resources', zh: '自然资源和规划', en: 'Natural resources and planning' },
  { key: 'transport', zh: '交通', en: 'Transport' },
  { key: 'traffic_police', zh: '公安交管', en: 'Traffic police' },
  { key: 'water', zh: '水务', en: 'Water' },
  { key: 'environment', zh: '生态环境', en: 'Ecology and environment' },
  { key: 'market', zh: '市场监管', en: 'Market supervision' },
  { key: 'police', zh: '公安', en: 'Police' },
  { key: 'fire', zh: '消防', en: 'Fire and rescue' },
  { key: 'emergency', zh: '应急管理', en: 'Emergency management' },
  { key: 'civil_affairs', zh: '民政', en: 'Civil affairs' },
  { key: 'health', zh: '卫健', en: 'Health' },
  { key: 'medical_security', zh: '医保', en: 'Medical insurance' },
  { key: 'education', zh: '教育', en: 'Education' },
  { key: 'human_resources', zh: '人社', en: 'Human resources and social security' },
  { key: 'justice', zh: '司法', en: 'Justice' },
  { key: 'political_legal', zh: '政法委（综治中心）', en: 'Political and legal affairs (governance centre)' },
  { key: 'letters_visits', zh: '信访', en: 'Letters and visits' },
  { key: 'agriculture', zh: '农业农村', en: 'Agriculture and rural affairs' },
  { key: 'culture_tourism', zh: '文旅体', en: 'Culture, tourism and sports' },
  { key: 'commerce', zh: '商务经信', en: 'Commerce and industry' },
  { key: 'government_services', zh: '政务服务', en: 'Government services' },
  { key: 'youth_league', zh: '共青团', en: 'Youth league' },
  { key: 'power', zh: '供电', en: 'Power supply' },
  { key: 'gas', zh: '燃气', en: 'Gas supply' },
  { key: 'heating', zh: '供热', en: 'Heating' },
  { key: 'telecom', zh: '通信', en: 'Telecommunications' },
  { key: 'postal', zh: '邮政快递', en: 'Post and express delivery' },
  { key: 'property', zh: '物业', en: 'Property management' },
] as const

export type DepartmentKey = (typeof DEPARTMENT_KEYS)[number]['key']

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
