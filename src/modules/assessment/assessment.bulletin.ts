import type { Db } from '../../db/database'
import { type BulletinCase, bulletinEvents } from '../cases/cases.bulletin'
import type { StatsRow } from '../cases/cases.stats.schema'
import { bulletinRepo } from './assessment.bulletin.repo'
import type { Period } from './assessment.period'
import { assessmentRepo } from './assessment.repo'

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

const chinaMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`)

/**
 * Composes a bulletin: the area's events over the period (indicators, its child areas, the top
 * problems, five-star closures), the cases overdue at composition, and for each scheme the red and
 * black lists and the stars of the narrowest run of the period that covers the area.
 */
export async function composeBulletin(
  db: Db,
  area: { path: string; name: string | null },
  period: Period,
  now: Date,
): Promise<BulletinBody> {
  const events = await bulletinEvents(db, {
    path: area.path,
    from: chinaMidnight(period.from),
    to: chinaMidnight(period.to),
    now,
  })
  const rankings: BulletinBody['rankings'] = []
  for (const { id } of await bulletinRepo.runsCovering(db, area.path, period.key)) {
    const run = await assessmentRepo.run(db, id)
    if (!run) continue
    const results = await assessmentRepo.results(db, id, [area.path])
    const line = (r: (typeof results)[number]): BulletinRanked => ({
      name: r.subject_name,
      grid: r.grid_name,
      score: r.score,
      stars: r.stars,
      // Listed subjects are ranked (an unranked one is on no list).
      rank: r.rank ?? 0,
    })
    const stars: Record<string, number> = {}
    for (const r of results) if (r.stars > 0) stars[r.stars] = (stars[r.stars] ?? 0) + 1
    rankings.push({
      scheme: {
        code: run.scheme.code,
        name: { zh: run.scheme.nameZh, en: run.scheme.nameEn },
        subject: run.scheme.subject,
        version: run.scheme_version,
      },
      run: { id: run.id, state: run.state, dataVersion: run.data_version },
      subjects: results.length,
      ranked: results.filter((r) => r.rank !== null).length,
      red: results.filter((r) => r.list === 'red').map(line),
      black: results.filter((r) => r.list === 'black').map(line),
      stars,
    })
  }
  return {
    area,
    period: period.key,
    from: period.from,
    to: period.to,
    composedAt: now.toISOString(),
    events,
    rankings,
  }
}
