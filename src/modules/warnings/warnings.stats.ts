/**
 * The statistics early warning 预警 rests on, pure: how unlikely a day's count is against the weeks
 * before it (the conditional test of two Poisson rates), which of many such tests stand once their number is accounted for (Benjamini–Hochberg),
 * and a smoothed level that catches a gradual rise (EWMA).
 */

/** ln C(n, k), by summing logs (n is a cell's events over a few weeks: small). */
function logChoose(n: number, k: number): number {
  let sum = 0
  for (let i = 1; i <= k; i++) sum += Math.log(n - k + i) - Math.log(i)
  return sum
}

/**
 * P(X ≥ x) for X ~ Binomial(n, p). Comparing a day's count with the weeks before it, this is the
 * exact test of two Poisson rates: given the `n` events of both periods, each falls in the day with
 * probability p = day / (day + baseline days) if the rate did not change. It allows for the baseline
 * being itself a count (a Poisson test against the baseline's mean as if it were known calls chance
 * rises real). Summed upwards from x in log space (stable for p near 0 and tiny tails).
 */
export function binomialUpperTail(x: number, n: number, p: number): number {
  if (x <= 0) return 1
  if (x > n || p <= 0) return 0
  if (p >= 1) return 1
  let term = Math.exp(logChoose(n, x) + x * Math.log(p) + (n - x) * Math.log1p(-p))
  let sum = 0
  for (let k = x; k <= n && term > 0; k++) {
    sum += term
    if (term < sum * 1e-16) break
    term *= ((n - k) / (k + 1)) * (p / (1 - p))
  }
  return Math.min(1, sum)
}

/**
 * Benjamini–Hochberg at false-discovery rate `q`: the indices of the p-values that stand. Among many
 * cells tested each day, at most a share `q` of the alarms raised are expected to be chance.
 */
export function benjaminiHochberg(pValues: readonly number[], q: number): Set<number> {
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p)
  const m = order.length
  let cut = -1
  order.forEach(({ p }, rank) => {
    if (p <= ((rank + 1) / m) * q) cut = rank
  })
  return new Set(order.slice(0, cut + 1).map((o) => o.i))
}

/**
 * The exponentially weighted moving average of daily counts (weight `alpha` on each new day) against
 * the baseline mean `mu`: the days whose smoothed level passes μ + L·σ·√(α/(2−α)), σ = √μ (Poisson).
 * Answers the indices of the days that alarm.
 */
export function ewmaAlarms(counts: readonly number[], mu: number, alpha = 0.3, width = 3): number[] {
  const sigma = Math.sqrt(Math.max(mu, 1e-9))
  const limit = mu + width * sigma * Math.sqrt(alpha / (2 - alpha))
  const alarms: number[] = []
  let level = mu
  counts.forEach((count, day) => {
    level = alpha * count + (1 - alpha) * level
    if (level > limit) alarms.push(day)
  })
  return alarms
}
