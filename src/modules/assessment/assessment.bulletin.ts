import type { Db } from '../../db/database'
import { bulletinEvents } from '../cases/cases.bulletin'
import type { BulletinBody, BulletinRanked } from './assessment.bulletin.body'
import { bulletinRepo } from './assessment.bulletin.repo'
import type { Period } from './assessment.period'
import { assessmentRepo } from './assessment.repo'

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
    const results = await assessmentRepo.results(db, id, [area.path], null)
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
