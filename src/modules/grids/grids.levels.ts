/**
 * The level scheme of a deployment: which levels exist, how wide each level's code segment is, which
 * level may parent which, and the household range each level is sized for. The default follows the
 * national statistical division code (GB/T 2260 district + 3 street + 3 community = 12 digits) and
 * Beijing's DB11/T 2157-2023 unit grid (+3 = 15 digits), with micro-grids (+3) below.
 */
export interface LevelDef {
  key: string
  zh: string
  en: string
  /** Digits this level adds to its parent's code (the root level: its whole code). */
  width: number
  /** Levels that may be this level's parent (empty for the root). */
  parents: readonly string[]
  /** Households a grid of this level is sized for; outside the range is a warning, not a refusal. */
  households?: { min: number; max: number }
  /** Workers a grid of this level needs (the staffing rule, "one grid, two workers" 一格两员 by default). */
  workers?: number
  /** Whether residents see this level's outlines and names on the public map (see publicLevels). */
  public?: boolean
}

export interface LevelScheme {
  levels: readonly LevelDef[]
}

/** Sectors of exclusive grids 专属网格. */
export const SECTORS = {
  park: { zh: '园区', en: 'Park' },
  office_tower: { zh: '商务楼宇', en: 'Office tower' },
  market: { zh: '商贸市场', en: 'Market' },
  school: { zh: '学校', en: 'School' },
  hospital: { zh: '医院', en: 'Hospital' },
  agency: { zh: '机关单位', en: 'Agency' },
  street: { zh: '道路街面', en: 'Street' },
  river: { zh: '河道', en: 'River' },
  industrial_park: { zh: '产业园区', en: 'Industrial park' },
  other: { zh: '其他', en: 'Other' },
} as const

export type Sector = keyof typeof SECTORS

export const DEFAULT_SCHEME: LevelScheme = {
  levels: [
    { key: 'district', zh: '区/县', en: 'District', width: 6, parents: [], public: true },
    { key: 'street', zh: '街道/镇', en: 'Street/town', width: 3, parents: ['district'], public: true },
    { key: 'community', zh: '社区/村', en: 'Community/village', width: 3, parents: ['street'], public: true },
    // Exclusive grids may also hang under a street (see EXCLUSIVE_PARENTS).
    {
      key: 'grid',
      zh: '网格',
      en: 'Grid',
      width: 3,
      parents: ['community'],
      households: { min: 300, max: 500 },
      workers: 2,
    },
    // Rural micro-grids go down to 10 households (seed 001).
    {
      key: 'micro',
      zh: '微网格',
      en: 'Micro-grid',
      width: 3,
      parents: ['grid'],
      households: { min: 10, max: 100 },
      workers: 1,
    },
  ],
}

/** Exclusive grids 专属网格 sit at the grid level, under a street or a community. */
export const EXCLUSIVE_PARENTS = ['street', 'community'] as const

export function levelOf(scheme: LevelScheme, key: string): LevelDef | undefined {
  return scheme.levels.find((l) => l.key === key)
}

/**
 * The levels residents see on the public map: those the scheme marks `public`; a scheme that marks
 * none shows the levels above its first staffed one (a grid with workers is staff territory: its
 * outline and name point at the people who walk it), and one that staffs none its root alone.
 */
export function publicLevels(scheme: LevelScheme): string[] {
  const marked = scheme.levels.filter((l) => l.public).map((l) => l.key)
  if (marked.length > 0) return marked
  const staffed = scheme.levels.findIndex((l) => l.workers !== undefined)
  return scheme.levels.slice(0, staffed <= 0 ? 1 : staffed).map((l) => l.key)
}
