import type { BulletinCase } from '../cases/cases.bulletin'
import type { StatsRow } from '../cases/cases.stats.schema'

/** A line of a ranking as a bulletin prints it. */
export interface BulletinRanked {
  name: string
  grid: string
  score: number
  stars: number
  rank: number
}

/** A period's bulletin 通报 of an area, as composed: everything the page, the PDF and the sheet print. */
export interface BulletinBody {
  area: { path: string; name: string | null }
  period: string
  from: string
  to: string
  composedAt: string
  events: {
    total: StatsRow | null
    children: StatsRow[]
    topProblems: StatsRow[]
    overdue: { total: number; items: BulletinCase[] }
    praised: BulletinCase[]
  }
  rankings: {
    scheme: { code: string; name: { zh: string; en: string }; subject: string; version: number }
    run: { id: string; state: string; dataVersion: string }
    /** Subjects in the area, and those ranked (something measured). */
    subjects: number
    ranked: number
    red: BulletinRanked[]
    black: BulletinRanked[]
    /** How many subjects earned each number of stars (星级网格 / 星级网格员), 1–5. */
    stars: Record<string, number>
  }[]
}
