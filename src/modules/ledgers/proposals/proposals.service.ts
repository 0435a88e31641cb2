import { createHash } from 'node:crypto'
import type { Executor } from '../../../db/database'
import type { RequestContext } from '../../../lib/context'
import { badRequest, conflict, forbidden, notFound, Problem } from '../../../lib/problem'
import { sqlStateOf } from '../../../lib/safe-error'
import { inTransaction } from '../../../lib/service'
import { recordPersonalDataRead } from '../../audit/audit.personal-data'
import { recordAudit } from '../../audit/audit.service'
import { outboxRepo } from '../../outbox/outbox.repo'
import { loadCodeBook } from '../codes/codes.book'
import type { LedgerDeps } from '../ledgers.deps'
import { ledgerSubtrees, mayReviewLedger, mayWriteLedger } from '../ledgers.policy'
import { maskPersonValue } from '../people/people.changes'
import { PERSON_FIELDS } from '../people/people.fields'
import type { PeopleService } from '../people/people.service'
import { HOUSEHOLD_FIELDS } from '../places/households.fields'
import type { HouseholdsService } from '../places/households.service'
import { maskName } from '../privacy/masks'
import { tableSealer } from '../privacy/seal'
import type { FieldSpec } from '../validate/fields'
import { PROPOSAL_DECIDED } from './proposals.notices'
import { toProposalView } from './proposals.presenter'
import { type ProposalListRow, type ProposalRow, proposalsRepo } from './proposals.repo'
import type {
  ProposalAnswer,
  ProposalCreateBody,
  ProposalKind,
  ProposalListQuery,
  ProposalView,
} from './proposals.schema'

/** The shortest reason a rejection accepts (the proposer reads it). */
const MIN_REASON = 4

const proposalNotFound = () => notFound('ledger.proposal_not_found', 'No such proposal among those you see')
const recordNotFound = () => notFound('ledger.not_found', 'No such record on your ledgers')

/** A record kind a proposal may correct: its edit form's fields, and the desk edit's own checks and write. */
export interface ProposalTarget {
  fields: readonly FieldSpec[]
  /** The fields sealed at rest (personal data). */
  sealed: ReadonlySet<string>
  load(
    ex: Executor,
    ctx: RequestContext,
    id: string,
  ): Promise<{ gridPath: string; version: number; erased: boolean; values: Record<string, unknown> } | null>
  check(ctx: RequestContext, id: string, changes: Record<string, unknown>): Promise<Record<string, unknown>>
  apply(
    tx: Executor,
    ctx: RequestContext,
    id: string,
    changes: Record<string, unknown>,
    version: number,
    via: { proposalId: string },
  ): Promise<number>
  /** A value as a list shows it (masked). */
  show(ex: Executor, key: string, value: unknown): Promise<unknown>
  label(values: Record<string, unknown>): string | null
}

/** The desk edits of people and households, as proposal targets. */
export function proposalTargets(people: PeopleService, households: HouseholdsService) {
  const blank = (v: unknown) => v === null || v === undefined || v === ''
  const person: ProposalTarget = {
    fields: PERSON_FIELDS,
    sealed: new Set(PERSON_FIELDS.filter((f) => f.sealed).map((f) => f.key)),
    load: (ex, ctx, id) => people.proposalTarget(ex, ctx, id),
    check: (ctx, id, changes) => people.checkProposal(ctx, id, changes),
    apply: (tx, ctx, id, changes, version, via) => people.changeIn(tx, ctx, id, changes, version, via),
    show: async (_ex, key, value) => (blank(value) ? null : maskPersonValue(key, value)),
    label: (values) => (typeof values.name === 'string' ? maskName(values.name) : null),
  }
  const household: ProposalTarget = {
    fields: HOUSEHOLD_FIELDS,
    sealed: new Set(),
    load: (ex, ctx, id) => households.proposalTarget(ex, ctx, id),
    check: (ctx, id, changes) => households.checkProposal(ctx, id, changes),
    apply: (tx, ctx, id, changes, version, via) => households.changeIn(tx, ctx, id, changes, version, via),
    show: async (ex, key, value) =>
      blank(value) ? null : key === 'roomId' ? await households.roomPlace(ex, String(value)) : value,
    label: (values) => (typeof values.number === 'string' ? values.number : null),
  }
  return { person, household } satisfies Record<ProposalKind, ProposalTarget>
}

/** JSON with sorted keys: the same request hashes the same whatever order its keys came in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  return JSON.stringify(value ?? null)
}

const same = (a: unknown, b: unknown) => String(a ?? '') === String(b ?? '')

/** The form's fields a recorded change touched (a person's `details` by the keys that moved). */
function touched(changes: Record<string, unknown>): string[] {
  const keys: string[] = []
  for (const [key, value] of Object.entries(changes)) {
    if (key === 'details' && Array.isArray(value)) {
      const [before, after] = value as [Record<string, unknown> | null, Record<string, unknown> | null]
      for (const k of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]))
        if (!same(before?.[k], after?.[k])) keys.push(k)
    } else keys.push(key)
  }
  return keys
}

/**
 * Field corrections 采集 → 审核. A proposal names the record's version it was made on. Fresh, by a
 * writer of the record's grid and outside a campaign: applied at once through the desk edit. Made on
 * an older version: a conflict, nothing applied, the current record and the fields each side changed
 * answered. From a campaign's task, or by a reader who may not write there: pending review. A reviewer
 * (ledger.review over the record's grid) approves it onto the version they saw, or rejects it with a
 * reason. Never a silent overwrite.
 */
export function createProposalsService(deps: LedgerDeps, targets: Record<ProposalKind, ProposalTarget>) {
  const { db, clock } = deps
  const sealer = tableSealer(deps.fields, 'ledger_proposals')

  /** What changed on the server since `base`, by the record's change history (form fields only). */
  async function serverFields(ex: Executor, kind: ProposalKind, id: string, base: number) {
    const keys = new Set(targets[kind].fields.map((f) => f.key))
    const rows = await proposalsRepo.changesSince(ex, kind, id, base)
    return [...new Set(rows.flatMap((r) => touched(r.changes)))].filter((k) => keys.has(k))
  }

  /** The proposal's values in clear: the plain ones and the sealed ones opened. */
  function changesOf(row: ProposalRow): Record<string, unknown> {
    const sealed = sealer.open('changes_sealed', row.id, row.changes_sealed)
    return { ...row.changes, ...(sealed ? (JSON.parse(sealed) as Record<string, unknown>) : {}) }
  }

  async function masked(ex: Executor, kind: ProposalKind, values: Record<string, unknown>) {
    const target = targets[kind]
    const out: Record<string, unknown> = {}
    for (const f of target.fields) out[f.key] = await target.show(ex, f.key, values[f.key])
    return out
  }

  /** Unknown fields (not on the record's edit form) are refused like a bad value: 400, nothing stored. */
  function refuseUnknown(kind: ProposalKind, changes: Record<string, unknown>) {
    const keys = new Set(targets[kind].fields.map((f) => f.key))
    const errors = Object.keys(changes)
      .filter((k) => !keys.has(k))
      .map((field) => ({ field, code: 'ledger.unknown_field', message: `“${field}”不是可更正的字段` }))
    if (!Object.keys(changes).length)
      errors.push({ field: 'changes', code: 'ledger.no_changes', message: '没有要更正的字段' })
    if (errors.length) throw new Problem(400, 'ledger.invalid', 'Some fields are not valid', { errors })
  }

  async function present(ctx: RequestContext, rows: ProposalListRow[]): Promise<ProposalView[]> {
    const views: ProposalView[] = []
    const people: string[] = []
    const codes = await loadCodeBook(db)
    for (const row of rows) {
      const target = targets[row.kind]
      const now = await target.load(db, ctx, row.target_id)
      if (row.kind === 'person' && now) people.push(row.target_id)
      const changes = changesOf(row)
      const server = new Set(await serverFields(db, row.kind, row.target_id, row.base_version))
      const fields = []
      // A code field's value named as its code table names it (已婚, not 20).
      const named = (f: FieldSpec, v: unknown) =>
        f.codeTable && typeof v === 'string' && v ? codes.name(f.codeTable, v) : null
      for (const f of target.fields) {
        if (!(f.key in changes)) continue
        const differs = now ? !same(now.values[f.key], changes[f.key]) : true
        fields.push({
          field: f.key,
          zh: f.zh,
          en: f.en,
          current: now ? await target.show(db, f.key, now.values[f.key]) : null,
          proposed: await target.show(db, f.key, changes[f.key]),
          currentName: now ? named(f, now.values[f.key]) : null,
          proposedName: named(f, changes[f.key]),
          differs,
          server: server.has(f.key),
          hard: server.has(f.key) && differs,
        })
      }
      const alsoChanged = target.fields
        .filter((f) => server.has(f.key) && !(f.key in changes))
        .map((f) => ({ field: f.key, zh: f.zh, en: f.en }))
      const open = row.state === 'pending' || row.state === 'conflict'
      const abilities: ProposalView['abilities'] =
        open && mayReviewLedger(ctx.actor, row.grid_path) && row.proposed_by !== ctx.actor?.id
          ? ['approve', 'reject']
          : []
      views.push(
        toProposalView(row, {
          label: now ? target.label(now.values) : null,
          currentVersion: now?.version ?? null,
          fields,
          alsoChanged,
          abilities,
        }),
      )
    }
    if (people.length)
      await recordPersonalDataRead(db, ctx, {
        subjectType: 'person',
        subjectIds: people,
        purpose: 'ledger.proposals',
        fields: ['name', 'idNumber', 'phone', 'registeredAddress', 'currentAddress'],
        masked: true,
      })
    return views
  }

  async function view(ctx: RequestContext, id: string) {
    const row = await proposalsRepo.one(db, id)
    if (!row || !(row.proposed_by === ctx.actor?.id || mayReviewLedger(ctx.actor, row.grid_path)))
      throw proposalNotFound()
    const [one] = await present(ctx, [row])
    if (!one) throw proposalNotFound()
    return one
  }

  /** A proposal a reviewer may decide now, locked: 404 unseen, 403 one's own, 409 decided already. */
  async function decidable(tx: Executor, ctx: RequestContext, id: string) {
    const row = await proposalsRepo.lock(tx, id)
    if (!row || !(row.proposed_by === ctx.actor?.id || mayReviewLedger(ctx.actor, row.grid_path)))
      throw proposalNotFound()
    if (!mayReviewLedger(ctx.actor, row.grid_path))
      throw forbidden('ledger.review_forbidden', 'You may not review the corrections of this grid')
    if (row.proposed_by === ctx.actor?.id)
      throw forbidden('ledger.proposal_own', 'A correction is reviewed by someone other than its proposer')
    if (row.state !== 'pending' && row.state !== 'conflict')
      throw conflict('ledger.proposal_decided', 'This proposal was decided already', { state: row.state })
    return row
  }

  return {
    view,

    /**
     * A correction received: replayed (same id and body → the first answer), or checked as the desk
     * edit checks it and then applied, held for review, or flagged as a conflict.
     */
    async create(
      ctx: RequestContext,
      body: ProposalCreateBody,
    ): Promise<{ replayed: boolean; answer: ProposalAnswer }> {
      const userId = ctx.actor?.type === 'user' ? ctx.actor.id : null
      if (!userId)
        throw forbidden('ledger.proposal_user_only', 'Corrections are proposed by people, not keys')
      const proposedBy: string = userId
      const requestHash = createHash('sha256')
        .update(canonical({ by: userId, ...body, source: body.source ?? {} }))
        .digest('hex')
      const replay = async () => {
        const earlier = await proposalsRepo.one(db, body.id)
        if (!earlier) return null
        if (earlier.request_hash !== requestHash)
          throw new Problem(422, 'idempotency.key_reused', 'This id was used for another request')
        return { replayed: true, answer: earlier.answer as ProposalAnswer }
      }
      const earlier = await replay()
      if (earlier) return earlier
      try {
        return await decide()
      } catch (error) {
        // The same correction sent twice at once: the second waited for the first's row; answer it as a replay.
        if (sqlStateOf(error) === '23505') {
          const again = await replay()
          if (again) return again
        }
        throw error
      }

      async function decide(): Promise<{ replayed: boolean; answer: ProposalAnswer }> {
        const target = targets[body.kind]
        refuseUnknown(body.kind, body.changes)
        const now = await target.load(db, ctx, body.targetId)
        if (!now) throw recordNotFound()
        if (now.erased) throw conflict('ledger.person_erased', 'This person was erased on request')
        // Checked as the desk edit would check it, against the record as it is now.
        const values = await target.check(ctx, body.targetId, body.changes)
        const worker = Object.keys(body.changes)
        const source = body.source ?? {}

        const store = async (
          tx: Executor,
          state: ProposalAnswer['state'],
          answer: ProposalAnswer,
          version: number,
        ) => {
          const plain: Record<string, unknown> = {}
          const personal: Record<string, unknown> = {}
          for (const [k, v] of Object.entries(values)) (target.sealed.has(k) ? personal : plain)[k] = v
          await proposalsRepo.insert(tx, {
            id: body.id,
            kind: body.kind,
            targetId: body.targetId,
            gridPath: now.gridPath,
            baseVersion: body.baseVersion,
            changes: plain,
            changesSealed: Object.keys(personal).length
              ? sealer.seal('changes_sealed', body.id, JSON.stringify(personal))
              : null,
            state,
            versionAtReceipt: version,
            appliedVersion: answer.version ?? null,
            source,
            proposedBy,
            proposedAt: clock(),
            requestHash,
            answer,
          })
          await recordAudit(tx, ctx, {
            action: 'ledger.proposal_create',
            resourceType: body.kind,
            resourceId: body.targetId,
            summary: { proposalId: body.id, state, fields: worker, baseVersion: body.baseVersion, version },
          })
        }

        const conflicted = async () => {
          const current = await target.load(db, ctx, body.targetId)
          if (!current) throw recordNotFound()
          const server = await serverFields(db, body.kind, body.targetId, body.baseVersion)
          const hard = worker.filter((k) => server.includes(k) && !same(current.values[k], values[k]))
          const answer: ProposalAnswer = {
            id: body.id,
            state: 'conflict',
            current: { version: current.version, values: await masked(db, body.kind, current.values) },
            fields: { worker, server, hard },
          }
          await inTransaction(deps, async (tx) => {
            await store(tx, 'conflict', answer, current.version)
            if (body.kind === 'person')
              await recordPersonalDataRead(tx, ctx, {
                subjectType: 'person',
                subjectIds: [body.targetId],
                purpose: 'ledger.proposal',
                fields: ['name', 'idNumber', 'phone', 'registeredAddress', 'currentAddress'],
                masked: true,
              })
          })
          return answer
        }

        if (now.version !== body.baseVersion) return { replayed: false, answer: await conflicted() }
        if (source.campaignId || !mayWriteLedger(ctx.actor, now.gridPath)) {
          const answer: ProposalAnswer = {
            id: body.id,
            state: 'pending',
            fields: { worker, server: [], hard: [] },
          }
          await inTransaction(deps, (tx) => store(tx, 'pending', answer, now.version))
          return { replayed: false, answer }
        }
        try {
          const answer = await inTransaction(deps, async (tx) => {
            const version = await target.apply(tx, ctx, body.targetId, body.changes, body.baseVersion, {
              proposalId: body.id,
            })
            const applied: ProposalAnswer = {
              id: body.id,
              state: 'applied',
              version,
              fields: { worker, server: [], hard: [] },
            }
            await store(tx, 'applied', applied, version)
            return applied
          })
          return { replayed: false, answer }
        } catch (e) {
          // Changed between the look and the write: a conflict like any stale base.
          if (e instanceof Problem && e.code === 'ledger.version_conflict')
            return { replayed: false, answer: await conflicted() }
          throw e
        }
      }
    },

    /** The reader's own proposals and those of the grids they review, newest first. */
    async list(ctx: RequestContext, q: ProposalListQuery) {
      const userId = ctx.actor?.id ?? ''
      const after = q.cursor ? decodeCursor(q.cursor) : undefined
      const rows = await proposalsRepo.list(db, {
        userId,
        mine: q.mine ?? false,
        reviewWithin: ledgerSubtrees(ctx.actor, 'ledger.review'),
        states: q.state,
        after,
        limit: q.limit + 1,
      })
      const page = rows.slice(0, q.limit)
      const last = page.at(-1)
      return {
        items: await present(ctx, page),
        nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null,
      }
    },

    /**
     * Applies the proposal's fields onto the record if it is still at the version the reviewer saw
     * (409 ledger.version_conflict otherwise), through the desk edit. A conflict approved applies the
     * worker's fields over what changed since.
     */
    async approve(ctx: RequestContext, id: string, version: number) {
      await inTransaction(deps, async (tx) => {
        const row = await decidable(tx, ctx, id)
        const applied = await targets[row.kind].apply(tx, ctx, row.target_id, changesOf(row), version, {
          proposalId: row.id,
        })
        await proposalsRepo.decide(tx, id, {
          state: 'approved',
          appliedVersion: applied,
          by: ctx.actor?.id as string,
          at: clock(),
          reason: null,
        })
        await recordAudit(tx, ctx, {
          action: 'ledger.proposal_approve',
          resourceType: row.kind,
          resourceId: row.target_id,
          summary: { proposalId: id, from: row.state, version: applied, proposedBy: row.proposed_by },
        })
        await outboxRepo.enqueue(tx, PROPOSAL_DECIDED, { proposalId: id })
      })
      return view(ctx, id)
    },

    /** Rejects a proposal with a reason the proposer reads (at least four characters); nothing applied. */
    async reject(ctx: RequestContext, id: string, reasonText: string) {
      const reason = reasonText.trim()
      if ([...reason].length < MIN_REASON)
        throw badRequest('ledger.reject_reason_required', `Say why in at least ${MIN_REASON} characters`)
      await inTransaction(deps, async (tx) => {
        const row = await decidable(tx, ctx, id)
        await proposalsRepo.decide(tx, id, {
          state: 'rejected',
          appliedVersion: null,
          by: ctx.actor?.id as string,
          at: clock(),
          reason,
        })
        await recordAudit(tx, ctx, {
          action: 'ledger.proposal_reject',
          resourceType: row.kind,
          resourceId: row.target_id,
          summary: { proposalId: id, from: row.state, reason, proposedBy: row.proposed_by },
        })
        await outboxRepo.enqueue(tx, PROPOSAL_DECIDED, { proposalId: id })
      })
      return view(ctx, id)
    },
  }
}

const encodeCursor = (r: ProposalRow) =>
  Buffer.from(JSON.stringify([new Date(r.proposed_at).toISOString(), r.id])).toString('base64url')
function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[]
    if (
      typeof at === 'string' &&
      !Number.isNaN(Date.parse(at)) &&
      typeof id === 'string' &&
      /^[0-9a-f-]{36}$/.test(id)
    )
      return { at, id }
  } catch {
    // fall through to the refusal
  }
  throw badRequest('ledger.bad_cursor', 'The cursor is not one this list gave')
}

export type ProposalsService = ReturnType<typeof createProposalsService>
