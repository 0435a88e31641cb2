import type { SchemeBody } from './assessment.scheme'

/**
 * Scoring, pure: an indicator's points, a subject's score, stars, ranks with ties, the red and black
 * lists 红黑榜 and the subsidy 补贴. Every figure is rounded as it is shown (two decimals), so a sheet
 * adds up to what the screen says.
 */

const round2 = (n: number) => Math.round(n * 100) / 100

/** Points 0–100 on the line from `floor` (0) to `target` (100), clamped; null stays null. */
export function pointsOf(value: number | null, floor: number, target: number): number | null {
  if (value === null) return null
  const share = (value - floor) / (target - floor)
  return round2(Math.min(1, Math.max(0, share)) * 100)
}

export interface Scored {
  points: Record<string, number | null>
  bonus: number
  score: number
}

/**
 * The weighted mean of the items' points, plus bonuses. An item with nothing to measure (no events
 * due, no review entered) is left out and the other weights count in its place, so a quiet grid is
 * neither punished nor rewarded for its quiet; with nothing measured at all the score is 0.
 */
export function scoreOf(body: SchemeBody, values: Record<string, number | null>): Scored {
  const points: Record<string, number | null> = {}
  let weighed = 0
  let weights = 0
  for (const item of body.items) {
    const p = pointsOf(values[item.indicator] ?? null, item.floor, item.target)
    points[item.indicator] = p
    if (p === null) continue
    weighed += p * item.weight
    weights += item.weight
  }
  const bonus = round2(
    body.bonuses.reduce((sum, b) => {
      const v = values[b.indicator]
      return v !== null && v !== undefined && v >= b.atLeast ? sum + b.points : sum
    }, 0),
  )
  const base = weights > 0 ? weighed / weights : 0
  return { points, bonus, score: round2(base + bonus) }
}

/** The highest row of a threshold table whose `minScore` the score reaches. */
function stepOf<T extends { minScore: number }>(rows: readonly T[], score: number): T | undefined {
  return [...rows].sort((a, b) => b.minScore - a.minScore).find((r) => score >= r.minScore)
}

export const starsOf = (body: SchemeBody, score: number) => stepOf(body.stars, score)?.stars ?? 0

/** Competition ranking 1, 2, 2, 4: equal scores share a rank. Returns ranks in the input's order. */
export function ranksOf(scores: readonly number[]): number[] {
  const sorted = [...scores].sort((a, b) => b - a)
  return scores.map((s) => sorted.indexOf(s) + 1)
}

/**
 * 红榜 the first `red` ranks, 黑榜 the last `black` ranks among scores below `blackBelow`. A subject is
 * on one list at most (red first), so a small area's best are never also its worst.
 */
export function listsOf(body: SchemeBody, scores: readonly number[], ranks: readonly number[]) {
  const { red, black, blackBelow } = body.lists
  const lists: ('red' | 'black' | null)[] = ranks.map((r) => (r <= red ? 'red' : null))
  const candidates = scores
    .map((score, i) => ({ score, i, rank: ranks[i] ?? 0 }))
    .filter((c) => c.score < blackBelow && lists[c.i] === null)
    .sort((a, b) => b.rank - a.rank)
  const worstRanks = new Set(candidates.slice(0, black).map((c) => c.rank))
  for (const c of candidates) if (worstRanks.has(c.rank)) lists[c.i] = 'black'
  return lists
}

export interface Subsidy {
  /** 计件: each counted work with its rate and amount. */
  pieces: { indicator: string; count: number; yuan: number; amount: number }[]
  /** 计时: hours at the hourly rate. */
  hours: number
  hourly: number
  timeAmount: number
  /** 质量系数 from the score. */
  factor: number
  /** (pieces + time) × factor, capped. */
  total: number
  capped: boolean
}

export function subsidyOf(
  body: SchemeBody,
  values: Record<string, number | null>,
  score: number,
): Subsidy | null {
  const s = body.subsidy
  if (!s) return null
  const pieces = s.pieceRates.map((r) => {
    const count = values[r.indicator] ?? 0
    return { indicator: r.indicator, count, yuan: r.yuan, amount: round2(count * r.yuan) }
  })
  const hours = values[s.hourly.indicator] ?? 0
  const timeAmount = round2(hours * s.hourly.yuan)
  const factor = stepOf(s.quality, score)?.factor ?? 0
  const gross = round2((pieces.reduce((sum, p) => sum + p.amount, 0) + timeAmount) * factor)
  return {
    pieces,
    hours,
    hourly: s.hourly.yuan,
    timeAmount,
    factor,
    total: Math.min(gross, s.cap),
    capped: gross > s.cap,
  }
}
