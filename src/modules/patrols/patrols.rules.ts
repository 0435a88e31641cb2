/**
 * The patrol rules' defaults (seed 004: at least one patrol a day and a third of working time in the
 * grid; seed 002: the 553 checklist) and the limits the figures are computed with. A grid level with
 * a `patrol_rules` row uses that row instead of the defaults.
 */

/** One item of the 553 checklist 五必知、五必访、三必到. */
export interface ChecklistItem {
  id: string
  group: 'must_know' | 'must_visit' | 'must_arrive'
  zh: string
  en: string
}

export interface PatrolRules {
  level: string
  minPatrolsPerDay: number
  /** Share (0–1) of the day's working time to spend inside the grid. */
  minInGridShare: number
  /** Metres within which a building counts as passed. */
  coverageRadiusM: number
  checklist: ChecklistItem[]
  /** 0 for the defaults in code (no row yet): a PUT with version 0 creates the row. */
  version: number
}

const item = (id: string, group: ChecklistItem['group'], zh: string, en: string): ChecklistItem => ({
  id,
  group,
  zh,
  en,
})

/** The 553 method 553 工作法 (seed 002): five things to know, five households to visit, three places to be. */
export const DEFAULT_CHECKLIST: readonly ChecklistItem[] = [
  item(
    'know.grid',
    'must_know',
    '知网格概况（边界、楼栋、单元）',
    'Know the grid (boundary, buildings, units)',
  ),
  item('know.people', 'must_know', '知实有人口', 'Know the people who actually live there'),
  item('know.groups', 'must_know', '知重点人群与特殊人群', 'Know the key and special groups'),
  item('know.concerns', 'must_know', '知社情民意', 'Know what residents are asking for'),
  item('know.hazards', 'must_know', '知安全隐患', 'Know the safety hazards'),
  item('visit.hardship', 'must_visit', '必访困难家庭', 'Visit families in hardship'),
  item('visit.elderly', 'must_visit', '必访独居、空巢老人', 'Visit old people living alone'),
  item('visit.disabled', 'must_visit', '必访残疾人家庭', 'Visit households with disabled members'),
  item('visit.key_persons', 'must_visit', '必访重点人员', 'Visit the key persons in care'),
  item('visit.newcomers', 'must_visit', '必访新迁入住户', 'Visit households that moved in'),
  item('arrive.disputes', 'must_arrive', '矛盾纠纷必到', 'Be there when a dispute arises'),
  item('arrive.hazards', 'must_arrive', '安全隐患必到', 'Be there when a hazard is reported'),
  item('arrive.emergencies', 'must_arrive', '突发事件必到', 'Be there when an emergency happens'),
]

export const DEFAULT_RULES: Omit<PatrolRules, 'level'> = {
  minPatrolsPerDay: 1,
  minInGridShare: 1 / 3,
  coverageRadiusM: 30,
  checklist: [...DEFAULT_CHECKLIST],
  version: 0,
}

/** The limits figures are computed with (not per level: they describe GPS, not the grid's work). */
export const FIGURE_LIMITS = {
  /** No usable point for longer than this (seconds) is a gap: shown, never counted as presence. */
  gapS: 120,
  /** Implied speed (m/s) between consecutive points above which the step is a jump (≈ 144 km/h). */
  maxSpeedMps: 40,
  /** This many identical consecutive coordinates in a row are flagged as a repeated point. */
  repeatRun: 10,
  /** Points reported less accurate than this (metres) do not count for time in grid or coverage. */
  maxAccuracyM: 100,
} as const

/** A running patrol with no point for this long is ended at its last point by the idle sweep. */
export const IDLE_END_MINUTES = 30

/** A time from the phone may run ahead of the server's clock by this much (its clock), not more. */
export const FUTURE_SLACK_MS = 5 * 60_000

/** Points per upload batch. */
export const MAX_BATCH = 500
