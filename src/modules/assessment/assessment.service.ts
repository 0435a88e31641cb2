import type { RequestContext } from '../../lib/context'
import { chinaDay } from '../../lib/dates'
import { uuidv7 } from '../../lib/ids'
import { badRequest, conflict, forbidden, notFound } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import { holdsAnywhere, may, pathCovers, scopesFor } from '../auth/auth.policy'
import { workerGridOf } from '../staff/staff.worker-grid'
import { userIdOf } from './assessment.actor'
import { computeRun } from './assessment.compute'
import { INDICATORS } from './assessment.indicators'
import { parsePeriod } from './assessment.period'
import { type ResultRow, type RunRow, assessmentRepo as repo, type SchemeRow } from './assessment.repo'
import type { MarkBody, RunPageQuery, RunView, SchemeView } from './assessment.schema'
import { DEFAULT_SCHEMES, type SchemeBody } from './assessment.scheme'

type Ability = 'compute' | 'publish' | 'mark'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function schemeView(ctx: RequestContext, s: SchemeRow): SchemeView {
  return {
    id: s.id,
    code: s.code,
    name: { zh: s.name_zh, en: s.name_en },
    subject: s.subject,
    level: s.level,
    body: s.body,
    version: s.version,
    updatedAt: new Date(s.updated_at).toISOString(),
    // Schemes are the deployment's: only a whole-deployment manager changes one.
    abilities: may(ctx.actor, 'assessment.manage') ? ['update'] : [],
  }
}

/** A page of a ranking: what a screen shows at once (the workbook has every line). */
const DEFAULT_PAGE = 50
/** Best first: rank and name ascending, score and movement (places gained) descending. */
const NATURAL_ORDER = { rank: 'asc', score: 'desc', name: 'asc', movement: 'desc' } as const

function resultView(r: ResultRow) {
  return {
    subject: { key: r.subject_key, name: r.subject_name },
    grid: { path: r.grid_path, name: r.grid_name },
    values: r.values,
    points: r.points,
    bonus: r.bonus,
    score: r.score,
    stars: r.stars,
    rank: r.rank,
    previousRank: r.previous_rank,
    /** Places gained since the period before (positive: up), null for a newcomer. */
    movement: r.previous_rank === null || r.rank === null ? null : r.previous_rank - r.rank,
    list: r.list,
    subsidy: r.subsidy,
  }
}

/**
 * Assessment 考核: schemes with weights and thresholds, their runs over an area and a period (scores,
 * stars, ranks with movement, red and black lists, subsidies), the scores entered by hand, and
 * publishing. Those who may manage assessment in an area compute, mark and publish there; readers see
 * the results of their own subtrees.
 */
export function createAssessmentService(deps: ServiceDeps, clock: () => Date) {
  const { db } = deps

  /** The subtrees whose results the actor reads (null: all). */
  function readable(ctx: RequestContext): string[] | null {
    if (!holdsAnywhere(ctx.actor, 'assessment.read') && !holdsAnywhere(ctx.actor, 'assessment.manage'))
      throw forbidden('auth.forbidden', 'You may not read assessments')
    if (may(ctx.actor, 'assessment.read') || may(ctx.actor, 'assessment.manage')) return null
    return [...scopesFor(ctx.actor, 'assessment.read'), ...scopesFor(ctx.actor, 'assessment.manage')].flatMap(
      (s) => (s.type === 'grid' ? [s.path] : []),
    )
  }

  function abilitiesOf(ctx: RequestContext, run: RunRow): Ability[] {
    if (run.state === 'published' || !may(ctx.actor, 'assessment.manage', { gridPath: run.scope_path }))
      return []
    return ['compute', 'publish', 'mark']
  }

  /** The defaults a deployment starts with, written once per process on first need; an office's changes stay. */
  let defaults: Promise<void> | undefined
  function ensureDefaultSchemes() {
    defaults ??= (async () => {
      for (const s of DEFAULT_SCHEMES)
        await repo.insertScheme(db, {
          id: uuidv7(),
          code: s.code,
          name_zh: s.nameZh,
          name_en: s.nameEn,
          subject: s.subject,
          level: s.level,
          body: s.body,
        })
    })().catch((error: unknown) => {
      defaults = undefined
      throw error
    })
    return defaults
  }

  async function loadScheme(id: string) {
    const scheme = await repo.scheme(db, id)
    if (!scheme) throw notFound('assessment.scheme_not_found', 'No such assessment scheme')
    return scheme
  }

  async function scopeOf(grid: string | undefined) {
    if (!grid) return { path: '', name: null }
    const found = await repo.grid(db, grid)
    if (!found) throw notFound('grid.not_found', 'No such grid')
    return { path: found.path, name: found.name }
  }

  function periodOf(key: string) {
    const period = parsePeriod(key)
    if (!period) throw badRequest('assessment.bad_period', 'A period is 2026-11, 2026-Q4, 2026-H2 or 2026')
    if (period.from > chinaDay(clock()))
      throw badRequest('assessment.future_period', 'The period has not begun yet')
    return period
  }

  /**
   * A run as the reader sees it: a page of its results (the first by rank unless asked), or all of
   * them (`'all'`, for the workbook), with the totals of the reader's part.
   */
  async function runView(
    ctx: RequestContext,
    run: RunRow,
    within: string[] | null,
    q: Partial<RunPageQuery> | 'all' = {},
  ): Promise<RunView> {
    const asked = q === 'all' ? {} : q
    const sort = asked.sort ?? 'rank'
    const order = asked.order ?? NATURAL_ORDER[sort]
    const limit = asked.limit ?? DEFAULT_PAGE
    const number = asked.page ?? 1
    const [results, totals] = await Promise.all([
      repo.results(
        db,
        run.id,
        within,
        q === 'all' ? null : { sort, order, limit, offset: (number - 1) * limit, subject: asked.subject },
      ),
      repo.totals(db, run.id, within),
    ])
    return {
      id: run.id,
      scheme: {
        id: run.scheme_id,
        code: run.scheme.code,
        name: { zh: run.scheme.nameZh, en: run.scheme.nameEn },
        subject: run.scheme.subject as 'grid' | 'worker',
        level: run.scheme.level,
        version: run.scheme_version,
        items: run.scheme.body.items,
        subsidy: run.scheme.body.subsidy !== null,
      },
      scope: { path: run.scope_path, name: run.scope_name },
      period: run.period,
      from: run.from_day,
      to: run.to_day,
      dataVersion: run.data_version,
      state: run.state,
      computedBy: run.computed_by_name,
      computedAt: new Date(run.computed_at).toISOString(),
      publishedBy: run.published_by_name,
      publishedAt: run.published_at ? new Date(run.published_at).toISOString() : null,
      results: results.map(resultView),
      page: { number, limit: q === 'all' ? Math.max(totals.subjects, 1) : limit, sort, order },
      totals,
      abilities: abilitiesOf(ctx, run),
    }
  }

  async function readRun(ctx: RequestContext, id: string) {
    const within = readable(ctx)
    const run = await repo.run(db, id)
    // A reader sees a run over their subtree, or the part of a wider run that lies in it.
    const seen =
      run &&
      (within === null || within.some((w) => pathCovers(w, run.scope_path) || pathCovers(run.scope_path, w)))
    if (!run || !seen) throw notFound('assessment.run_not_found', 'No such assessment run')
    return { run, within }
  }

  const service = {
    indicators(ctx: RequestContext) {
      readable(ctx)
      return {
        items: INDICATORS.map((d) => ({
          key: d.key,
          name: { zh: d.zh, en: d.en },
          unit: d.unit,
          formula: d.formulaZh,
        })),
      }
    },

    async schemes(ctx: RequestContext) {
      readable(ctx)
      await ensureDefaultSchemes()
      return { items: (await repo.schemes(db)).map((row) => schemeView(ctx, row)) }
    },

    async updateScheme(
      ctx: RequestContext,
      id: string,
      change: { version: number; name: { zh: string; en: string }; body: SchemeBody },
    ) {
      if (!may(ctx.actor, 'assessment.manage'))
        throw forbidden('assessment.forbidden', 'Only a whole-deployment assessment manager changes schemes')
      const before = await loadScheme(id)
      if (before.subject === 'grid' && change.body.subsidy)
        throw badRequest('assessment.subsidy_for_workers', 'Subsidies are paid to workers, not grids')
      return inTransaction(deps, async (tx) => {
        const version = await repo.updateScheme(tx, id, change.version, {
          nameZh: change.name.zh,
          nameEn: change.name.en,
          body: change.body,
          by: userIdOf(ctx),
        })
        if (version === undefined)
          throw conflict('assessment.version_conflict', 'The scheme was changed meanwhile: reload it')
        await recordAudit(tx, ctx, {
          action: 'assessment.scheme_update',
          resourceType: 'assessment_scheme',
          resourceId: id,
          summary: {
            code: before.code,
            version,
            items: change.body.items.map((i) => `${i.indicator}×${i.weight}`),
          },
        })
        return schemeView(ctx, {
          ...before,
          name_zh: change.name.zh,
          name_en: change.name.en,
          body: change.body,
          version,
        })
      })
    },

    /** Computes (or computes again) a scheme over an area and a period; a published run stays as it is. */
    async compute(ctx: RequestContext, q: { scheme: string; period: string; grid?: string }) {
      const scheme = await loadScheme(q.scheme)
      const period = periodOf(q.period)
      const scope = await scopeOf(q.grid)
      if (!may(ctx.actor, 'assessment.manage', { gridPath: scope.path }))
        throw forbidden('assessment.forbidden', 'You may not compute assessments of this area')
      const existing = await repo.findRun(db, scheme.id, scope.path, period.key)
      if (existing?.state === 'published')
        throw conflict('assessment.published', 'This period was published: its figures are final')
      const computed = await computeRun(db, scheme, scope.path, period)
      const id = uuidv7()
      await inTransaction(deps, async (tx) => {
        await repo.saveRun(
          tx,
          {
            id,
            schemeId: scheme.id,
            schemeVersion: scheme.version,
            scheme: {
              code: scheme.code,
              nameZh: scheme.name_zh,
              nameEn: scheme.name_en,
              subject: scheme.subject,
              level: scheme.level,
              body: scheme.body,
            },
            scope: scope.path,
            period: period.key,
            from: period.from,
            to: period.to,
            dataVersion: computed.dataVersion,
            by: userIdOf(ctx),
            at: clock(),
          },
          computed.results,
        )
        await recordAudit(tx, ctx, {
          action: 'assessment.compute',
          resourceType: 'assessment_run',
          resourceId: id,
          summary: {
            scheme: scheme.code,
            version: scheme.version,
            scope: scope.path,
            period: period.key,
            subjects: computed.results.length,
            dataVersion: computed.dataVersion,
          },
        })
      })
      await repo.analyzeResults(db)
      const run = await repo.run(db, id)
      if (!run) throw notFound('assessment.run_not_found', 'No such assessment run')
      return runView(ctx, run, readable(ctx))
    },

    /** The whole deployment's runs of a period that are missing (the monthly job's): how many were made. */
    async computeMissing(ctx: RequestContext, period: string): Promise<number> {
      await ensureDefaultSchemes()
      let made = 0
      for (const scheme of await repo.schemes(db)) {
        if (await repo.findRun(db, scheme.id, '', period)) continue
        await service.compute(ctx, { scheme: scheme.id, period })
        made++
      }
      return made
    },

    async runs(ctx: RequestContext, schemeId: string) {
      const within = readable(ctx)
      await loadScheme(schemeId)
      const runs = await repo.runs(db, schemeId, within)
      return {
        items: runs.map((r) => ({
          id: r.id,
          period: r.period,
          scope: { path: r.scope_path, name: r.scope_name },
          state: r.state,
          dataVersion: r.data_version,
          computedAt: new Date(r.computed_at).toISOString(),
        })),
      }
    },

    /** A page of a run's results (`'all'`: every line, for the workbook). */
    async run(ctx: RequestContext, id: string, q: Partial<RunPageQuery> | 'all' = {}) {
      const { run, within } = await readRun(ctx, id)
      return runView(ctx, run, within, q)
    },

    async publish(ctx: RequestContext, id: string) {
      const { run, within } = await readRun(ctx, id)
      if (run.state === 'published')
        throw conflict('assessment.published', 'This period was published already')
      if (!may(ctx.actor, 'assessment.manage', { gridPath: run.scope_path }))
        throw forbidden('assessment.forbidden', 'You may not publish assessments of this area')
      await inTransaction(deps, async (tx) => {
        if (!(await repo.publish(tx, id, userIdOf(ctx), clock())))
          throw conflict('assessment.published', 'This period was published already')
        await recordAudit(tx, ctx, {
          action: 'assessment.publish',
          resourceType: 'assessment_run',
          resourceId: id,
          summary: {
            scheme: run.scheme.code,
            scope: run.scope_path,
            period: run.period,
            dataVersion: run.data_version,
          },
        })
      })
      const published = await repo.run(db, id)
      return runView(ctx, published ?? run, within)
    },

    /** The scores entered by hand for a scheme's period, in the reader's subtrees. */
    async marks(ctx: RequestContext, q: { scheme: string; period: string }) {
      const within = readable(ctx)
      const scheme = await loadScheme(q.scheme)
      const period = parsePeriod(q.period)
      if (!period) throw badRequest('assessment.bad_period', 'A period is 2026-11, 2026-Q4, 2026-H2 or 2026')
      const rows = await repo.marksWithNotes(db, scheme.id, period.key, within)
      return {
        items: rows.map((m) => ({
          subject: m.subject_key,
          kind: m.kind,
          score: Number(m.score),
          note: m.note,
          enteredBy: m.entered_by_name,
          enteredAt: new Date(m.entered_at).toISOString(),
        })),
      }
    },

    /** A democratic-review or spot-check score 民主评议 / 电话抽查, by those who manage the subject's area. */
    async mark(ctx: RequestContext, body: MarkBody) {
      const by = userIdOf(ctx)
      if (!by) throw forbidden('assessment.forbidden', 'Scores are entered by a person, who answers for them')
      const scheme = await loadScheme(body.scheme)
      const period = periodOf(body.period)
      const path =
        scheme.subject === 'grid'
          ? (await repo.grid(db, body.subject))?.path
          : UUID.test(body.subject)
            ? (await workerGridOf(db, body.subject))?.path
            : undefined
      if (path === undefined) throw notFound('assessment.subject_not_found', 'No such subject of this scheme')
      if (!may(ctx.actor, 'assessment.manage', { gridPath: path }))
        throw forbidden('assessment.forbidden', 'You may not assess this subject')
      if (await repo.publishedCovering(db, scheme.id, period.key, path))
        throw conflict('assessment.published', 'This period was published: its figures are final')
      await inTransaction(deps, async (tx) => {
        await repo.setMark(tx, {
          schemeId: scheme.id,
          period: period.key,
          subjectKey: body.subject,
          kind: body.kind,
          score: body.score,
          note: body.note ?? null,
          by,
          at: clock(),
        })
        await recordAudit(tx, ctx, {
          action: 'assessment.mark',
          resourceType: 'assessment_scheme',
          resourceId: scheme.id,
          summary: { period: period.key, subject: body.subject, kind: body.kind, score: body.score },
        })
      })
      return {
        scheme: scheme.id,
        period: period.key,
        subject: body.subject,
        kind: body.kind,
        score: body.score,
      }
    },
  }
  return service
}

export type AssessmentService = ReturnType<typeof createAssessmentService>
