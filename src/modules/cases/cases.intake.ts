import type { RequestContext } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { badRequest, forbidden } from '../../lib/problem'
import type { ServiceDeps } from '../../lib/service'
import { auditRowFrom } from '../audit/audit.service'
import type { GridsService } from '../grids/grids.service'
import { ownerAt } from './cases.actions'
import { type IntakeKey, intakeRepo, type NewCase } from './cases.intake.repo'
import type { NearbyRow } from './cases.nearby.repo'
import { mayDecidePublication } from './cases.publication'
import { type CaseRow, casesRepo } from './cases.repo'
import type { CaseCreateBody } from './cases.schema'
import { type CasesSettings, lookAlikeWindow } from './cases.settings'
import type { CategoryRow } from './categories/categories.types'

/** Who reports, as the case and its first timeline row record it. */
export interface Reporter {
  userId: string | null
  /** The role reported in (grid_worker …), `resident` for the public page, `integration` for a key. */
  role: string
  /** Digest of a reporter's private tracking token (public reports). */
  trackingTokenHash?: string | null
  /** The reporter's contact, already encrypted. */
  contact?: string | null
  /**
   * Who typed the report in for the reporter (a hotline clerk taking a call): the first timeline
   * row's actor. The reporter (`userId`) is then nobody's account: the caller, at `contact`.
   */
  recordedBy?: string | null
}

export interface IntakeOptions {
  /** Write the case only if this caller has not used this key (a retried request, a ticket imported before). */
  key?: IntakeKey
  /** Kept with the first timeline row: what the channel received beside the case (attributes, media). */
  reportData?: Record<string, unknown>
  /**
   * `publish` is the reporter's own answer (the public page's checkbox, Open311's attribute[publish]).
   * Otherwise it counts only from someone who may decide publication over the case.
   */
  reporterConsents?: boolean
}

/** A filed case: its row as written, its grid chain, and the open look-alikes near it. */
export interface Intaken {
  row: CaseRow
  chain: { code: string; name: string; level: string }[]
  duplicates: NearbyRow[]
}

/** The day in China time as yyyymmdd, for tracking numbers. */
const chinaDay = (d: Date) =>
  new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '')

/**
 * The one way a case comes into being, whatever the channel: located to its grid chain, owned at its
 * handling level, numbered, its accept clock started. The case, its first timeline row, the audit
 * row, the outbox message (and the idempotency key) are one statement, so they commit together.
 * Answers null when the key was used before: nothing was written.
 */
export function createIntake(deps: ServiceDeps, grids: GridsService, settings: CasesSettings) {
  const { db } = deps
  const { catalogue } = settings

  return async function intake(
    ctx: RequestContext,
    body: CaseCreateBody,
    reporter: Reporter,
    options: IntakeOptions = {},
  ): Promise<Intaken | null> {
    // The categories and routes are read from memory; the statement writes only if they are still
    // current, else they are read again and the case decided anew (a change on another node).
    for (let attempt = 1; ; attempt++) {
      let config = await catalogue.current()
      if (
        !config.category(body.categoryCode)?.active &&
        (await casesRepo.category(db, body.categoryCode))?.active
      ) {
        // Made or switched on a moment ago, on another node: read the configuration again.
        catalogue.invalidate()
        config = await catalogue.current()
      }
      const category = config.category(body.categoryCode)
      if (!category?.standard || !category.active) {
        // A retry of a report filed before the class was switched off still answers its case.
        if (options.key && (await casesRepo.intakeKey(db, options.key.caller, options.key.key))) return null
        throw badRequest('case.unknown_category', `No small class ${body.categoryCode} to report under`)
      }
      const standard = category.standard
      const chain = await grids.chainAt(body.location.lng, body.location.lat)
      const route = config.route(
        chain.map((g) => g.path),
        category.code,
      )
      const level = route?.level ?? standard.level
      const leaf = chain.at(-1)
      const ownerPath = leaf ? ownerAt(chain, level) : null
      if (
        body.publish &&
        !options.reporterConsents &&
        !mayDecidePublication(ctx.actor, { gridPath: leaf?.path ?? null, ownerPath })
      )
        throw forbidden('case.publication_forbidden', 'You may not decide whether this case is published')
      const now = settings.clock()
      const c: NewCase = {
        id: uuidv7(),
        category_code: category.code,
        nature: body.nature ?? null,
        source: body.source,
        urgency: body.urgency,
        description: body.description,
        address: body.address ?? null,
        lng: body.location.lng,
        lat: body.location.lat,
        grid_id: leaf?.id ?? null,
        grid_path: leaf?.path ?? null,
        level,
        owner_path: ownerPath,
        unowned_reason: leaf ? null : 'outside_grids',
        reporter_id: reporter.userId,
        patrol_id: body.patrolId ?? null,
        reporter_contact: reporter.contact ?? null,
        tracking_token_hash: reporter.trackingTokenHash ?? null,
        publish_consent: body.publish ?? false,
        accept_due: settings.calendar.addDuration(now, standard.limits.accept),
        reported_at: now,
      }
      const filed = await intakeRepo.file(
        db,
        c,
        {
          id: uuidv7(),
          actor_id: reporter.recordedBy ?? reporter.userId,
          actor_role: reporter.role,
          data: { source: body.source, ...options.reportData },
        },
        {
          day: chinaDay(now),
          key: options.key,
          guard: catalogue.unchangedSince(config.version),
          audit: (no, from) =>
            auditRowFrom(
              ctx,
              {
                action: 'case.report',
                resourceType: 'case',
                resourceId: no,
                summary: {
                  category: category.code,
                  source: body.source,
                  grid: leaf?.code ?? null,
                  publish: body.publish ?? false,
                },
              },
              from,
            ),
          lookAlikes: lookAlikeWindow(settings, now),
        },
      )
      if (filed.stale) {
        if (attempt >= 3) throw new Error('the case configuration kept changing during intake')
        catalogue.invalidate()
        continue
      }
      if (!filed.no) return null
      deps.afterWrite()
      const row = freshRow(c, category, filed.no, filed.version)
      settings.filed?.(row)
      return {
        row,
        chain: chain.map((g) => ({ code: g.code, name: g.name, level: g.level })),
        duplicates: filed.duplicates,
      }
    }
  }
}

/** The row of a case just filed, as `casesRepo.find` would read it, without reading it. */
function freshRow(c: NewCase, category: CategoryRow, no: string, version: number): CaseRow {
  return {
    ...c,
    no,
    version,
    state: 'reported',
    category_zh: category.name_zh,
    category_en: category.name_en,
    standard: category.standard,
    suspended_from: null,
    department_id: null,
    department_code: null,
    department_name: null,
    participants: [],
    deferred: false,
    handle_due: null,
    verify_due: null,
    accept_overdue: null,
    handle_overdue: null,
    verify_overdue: null,
    paused_ms: 0,
    stage_started_at: c.reported_at,
    stage_paused_ms: 0,
    suspended_at: null,
    rating: null,
    supervision: null,
    accepted_at: null,
    handled_at: null,
    closed_at: null,
  }
}
