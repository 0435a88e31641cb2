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
  /** Whether any weighed item had something to measure: an unmeasured subject is not ranked. */
  measured: boolean
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
  return { points, bonus, score: round2(base + bonus), measured: weights > 0 }
}

/** The highest row of a threshold table whose `minScore` the score reaches. */
function stepOf<T extends { minScore: number }>(rows: readonly T[], score: number): T | undefined {
  return [...rows].sort((a, b) => b.minScore - a.minScore).find((r) => score >= r.minScore)
}

export const starsOf = (body: SchemeBody, score: number | null) =>
  score === null ? 0 : (stepOf(body.stars, score)?.stars ?? 0)

/**
 * Competition ranking 1, 2, 2, 4: equal scores share a rank; a subject with nothing measured (null) is
 * not ranked. Returns ranks in the input's order; sorting once keeps a city's 169k grids quick.
 */
export function ranksOf(scores: readonly (number | null)[]): (number | null)[] {
  const order = scores
    .map((score, i) => ({ score, i }))
    .filter((x): x is { score: number; i: number } => x.score !== null)
    .sort((a, b) => b.score - a.score)
  const ranks: (number | null)[] = scores.map(() => null)
  order.forEach((x, n) => {
    const before = order[n - 1]
    ranks[x.i] = before && before.score === x.score ? (ranks[before.i] ?? n + 1) : n + 1
  })
  return ranks
}

/** Whole groups of equal rank, in the order given, while they fit in `size`; the first group always. */
function takeGroups(groups: readonly number[][], size: number): number[] {
  const taken: number[] = []
  for (const group of groups) {
    if (size === 0 || (taken.length > 0 && taken.length + group.length > size)) break
    taken.push(...group)
  }
  return taken
}

function groupsByRank(items: readonly { i: number; rank: number }[], worstFirst: boolean): number[][] {
  const byRank = new Map<number, number[]>()
  for (const x of items) byRank.set(x.rank, [...(byRank.get(x.rank) ?? []), x.i])
  return [...byRank.entries()].sort(([a], [b]) => (worstFirst ? b - a : a - b)).map(([, is]) => is)
}

/**
 * 红榜 the best `red`, 黑榜 the worst `black` of those scoring below `blackBelow`. Subjects tied on a
 * rank stay together: a tie enters a list whole or not at all, except the best (worst) rank, which is
 * always listed. A subject is on one list at most (red first); an unranked one on none.
 */
export function listsOf(
  body: SchemeBody,
  scores: readonly (number | null)[],
  ranks: readonly (number | null)[],
) {
  const { red, black, blackBelow } = body.lists
  const ranked = ranks.flatMap((rank, i) => (rank === null ? [] : [{ i, rank }]))
  const lists: ('red' | 'black' | null)[] = ranks.map(() => null)
  for (const i of takeGroups(groupsByRank(ranked, false), red)) lists[i] = 'red'
  const low = ranked.filter(({ i }) => (scores[i] ?? blackBelow) < blackBelow && lists[i] === null)
  for (const i of takeGroups(groupsByRank(low, true), black)) lists[i] = 'black'
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
