import type { Db } from '../../db/database'
import { type BulletinCase, bulletinCasesRepo } from './cases.bulletin.repo'
import { caseStats } from './cases.stats'

export type { BulletinCase }

const WHOLE = { within: null, departments: [] }

const withIsoTime = (c: BulletinCase): BulletinCase => ({ ...c, at: new Date(c.at).toISOString() })

/**
 * What a period's bulletin 通报 says of an area's events, for the assessment module: the indicators,
 * the figures of each child area, the top problems, the cases overdue now, and five-star closures.
 */
export async function bulletinEvents(db: Db, q: { path: string; from: Date; to: Date; now: Date }) {
  const gridPath = q.path === '' ? undefined : q.path
  const period = { from: q.from, to: q.to, gridPath }
  const [total] = await caseStats(db, { ...period, groupBy: 'none' }, WHOLE)
  const children = await caseStats(db, { ...period, groupBy: 'child' }, WHOLE)
  const categories = await caseStats(db, { ...period, groupBy: 'category' }, WHOLE)
  const overdue = await bulletinCasesRepo.overdue(db, q.path, q.now, 20)
  return {
    total: total ?? null,
    children: children.filter((c) => c.key !== null),
    topProblems: categories
      .filter((c) => c.key !== null && c.received > 0)
      .sort((a, b) => b.received - a.received)
      .slice(0, 10),
    overdue: { total: overdue.total, items: overdue.items.map(withIsoTime) },
    praised: (await bulletinCasesRepo.praised(db, q.path, q.from, q.to, 10)).map(withIsoTime),
  }
}
