import { createHash } from 'node:crypto'
import type { Db } from '../../db/database'
import { eventCountsPerGrid, type GridEventCounts } from '../cases/cases.counts'
import { POSTS } from '../staff/staff.posts'
import {
  addFieldCounts,
  type FieldCounts,
  indicatorValues,
  type Marks,
  NO_FIELD_WORK,
  type SubjectCounts,
} from './assessment.indicators'
import type { Period } from './assessment.period'
import { type NewResult, assessmentRepo as repo, type SchemeRow, type Subject } from './assessment.repo'
import { listsOf, ranksOf, scoreOf, starsOf, subsidyOf } from './assessment.score'

/** The posts that make their holder a grid worker 网格员 (assessed and paid a subsidy). */
export const WORKER_POSTS = Object.entries(POSTS)
  .filter(([, p]) => p.worker)
  .map(([key]) => key)

const NO_EVENTS: GridEventCounts = {
  received: 0,
  filed: 0,
  due: 0,
  closed: 0,
  onTime: 0,
  handled: 0,
  reworked: 0,
  extended: 0,
  rated: 0,
  satisfied: 0,
  handlingSeconds: 0,
}

const chinaMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`)
const depthOf = (path: string) => (path === '' ? 0 : path.split('.').length)

/** The events of each subject's grid: one statement per depth the subjects' grids lie at. */
async function eventsOf(db: Db, subjects: readonly Subject[], scope: string, period: Period) {
  const codeOfPath = new Map(subjects.map((s) => [s.path, s.grid_code]))
  const byCode = new Map<string, GridEventCounts>()
  for (const depth of new Set(subjects.map((s) => depthOf(s.path)))) {
    const counts = await eventCountsPerGrid(db, {
      from: chinaMidnight(period.from),
      to: chinaMidnight(period.to),
      under: scope,
      depth,
    })
    for (const [code, c] of counts) byCode.set(code, c)
  }
  return (s: Subject) => byCode.get(codeOfPath.get(s.path) ?? '') ?? NO_EVENTS
}

/** What the workers did, per subject: a worker's own, or the sum of the workers posted in a grid. */
async function fieldOf(
  db: Db,
  scheme: SchemeRow,
  subjects: readonly Subject[],
  scope: string,
  period: Period,
) {
  if (scheme.subject === 'worker') {
    const counts = await repo.fieldCounts(
      db,
      subjects.map((s) => s.key),
      period.from,
      period.to,
    )
    return (s: Subject) => counts.get(s.key) ?? NO_FIELD_WORK
  }
  const workers = await repo.workerSubjects(db, scope, WORKER_POSTS, period.from, period.to)
  const counts = await repo.fieldCounts(
    db,
    workers.map((w) => w.key),
    period.from,
    period.to,
  )
  const depth = depthOf(subjects[0]?.path ?? '')
  const perGrid = new Map<string, FieldCounts>()
  for (const w of workers) {
    const grid = w.path.split('.').slice(0, depth).join('.')
    perGrid.set(grid, addFieldCounts(perGrid.get(grid) ?? NO_FIELD_WORK, counts.get(w.key) ?? NO_FIELD_WORK))
  }
  return (s: Subject) => perGrid.get(s.path) ?? NO_FIELD_WORK
}

async function marksOf(db: Db, scheme: SchemeRow, period: Period) {
  const marks = new Map<string, Marks>()
  for (const m of await repo.marks(db, scheme.id, period.key))
    marks.set(m.subject_key, { ...marks.get(m.subject_key), [m.kind]: Number(m.score) })
  return (s: Subject) => marks.get(s.key) ?? {}
}

/** A digest of every input: the same data gives the same version, any change another. */
function dataVersionOf(inputs: readonly [string, SubjectCounts][]): string {
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex').slice(0, 16)
}

/**
 * One run of a scheme over an area and a period: the subjects, their counts, indicator values,
 * points, scores, stars, ranks with movement since the period before, lists and subsidies.
 */
export async function computeRun(db: Db, scheme: SchemeRow, scope: string, period: Period) {
  const subjects =
    scheme.subject === 'grid'
      ? await repo.gridSubjects(db, scope, scheme.level ?? '')
      : await repo.workerSubjects(db, scope, WORKER_POSTS, period.from, period.to)
  const events = await eventsOf(db, subjects, scope, period)
  const field = await fieldOf(db, scheme, subjects, scope, period)
  const marks = await marksOf(db, scheme, period)
  const previous = await repo.ranksOf(db, scheme.id, scope, period.previous)

  const inputs = subjects.map((s): [string, SubjectCounts] => [
    s.key,
    { events: events(s), field: field(s), marks: marks(s) },
  ])
  const scored = inputs.map(([, counts]) => {
    const values = indicatorValues(counts)
    return { counts, values, ...scoreOf(scheme.body, values) }
  })
  const scores = scored.map((s) => (s.measured ? s.score : null))
  const ranks = ranksOf(scores)
  const lists = listsOf(scheme.body, scores, ranks)
  const results: NewResult[] = subjects.map((s, i) => {
    const r = scored[i] as (typeof scored)[number]
    return {
      subject_key: s.key,
      subject_name: s.name,
      grid_path: s.path,
      grid_name: s.grid_name,
      counts: r.counts,
      values: r.values,
      points: r.points,
      bonus: r.bonus,
      score: r.score,
      stars: starsOf(scheme.body, scores[i] ?? null),
      rank: ranks[i] ?? null,
      previous_rank: previous.get(s.key) ?? null,
      list: lists[i] ?? null,
      subsidy: subsidyOf(scheme.body, r.values, r.score),
    }
  })
  return { results, dataVersion: dataVersionOf(inputs) }
}
