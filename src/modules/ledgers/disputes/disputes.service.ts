import type { RequestContext } from '../../../lib/context'
import { uuidv7 } from '../../../lib/ids'
import { badRequest, conflict, forbidden, notFound } from '../../../lib/problem'
import { inTransaction } from '../../../lib/service'
import { recordAudit } from '../../audit/audit.service'
import { loadCodeBook } from '../codes/codes.book'
import type { LedgerDeps } from '../ledgers.deps'
import { ledgerSubtrees, mayWriteLedger, recordAbilities } from '../ledgers.policy'
import { ledgersRepo } from '../ledgers.repo'
import { placeRecord } from '../placement'
import { maskName } from '../privacy/masks'
import { type DisputeRow, type DisputeWrite, disputesRepo } from './disputes.repo'
import type {
  DISPUTE_SCALES,
  DisputeCreate,
  DisputeListQuery,
  DisputeUpdate,
  MEDIATION_METHODS,
  Party,
} from './disputes.schema'

const today = (clock: () => Date) => clock().toISOString().slice(0, 10)

/** Disputes 矛盾纠纷 as a ledger: parties, kind, scale, mediation, deadline and outcome; linked to an event when there is one. */
export function createDisputesService(deps: LedgerDeps) {
  const { db, clock } = deps

  async function views(ctx: RequestContext, rows: DisputeRow[]) {
    const personIds = rows.flatMap((r) => r.parties.flatMap((p) => (p.personId ? [p.personId] : [])))
    const names = await disputesRepo.peopleNames(db, personIds, ledgerSubtrees(ctx.actor))
    const now = today(clock)
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      scale: row.scale as (typeof DISPUTE_SCALES)[number],
      summary: row.summary,
      parties: row.parties.map((p) => ({
        personId: p.personId ?? null,
        // A party on the ledger outside the reader's grids shows as a party, not as a name.
        name: maskName((p.personId ? names.get(p.personId) : p.name) ?? '—'),
        role: p.role ?? null,
      })),
      caseNo: row.case_no,
      mediationMethod: row.mediation_method as (typeof MEDIATION_METHODS)[number] | null,
      mediator: row.mediator,
      deadline: row.deadline,
      outcome: row.outcome,
      resolvedOn: row.resolved_on,
      overdue: !row.resolved_on && !!row.deadline && row.deadline < now,
      grid: { code: row.grid_code, name: row.grid_name, path: row.grid_path },
      version: row.version,
      abilities: recordAbilities(ctx.actor, row.grid_path, false),
      createdAt: new Date(row.created_at).toISOString(),
    }))
  }

  async function visible(ctx: RequestContext, id: string) {
    const row = await disputesRepo.one(db, id, ledgerSubtrees(ctx.actor))
    if (!row) throw notFound('ledger.not_found', 'No such dispute')
    return row
  }

  async function writable(ctx: RequestContext, id: string) {
    const row = await visible(ctx, id)
    if (!mayWriteLedger(ctx.actor, row.grid_path))
      throw forbidden('ledger.out_of_scope', 'You may not change records here')
    return row
  }

  /** The kind from the code table, the case by its number, and each party on the ledger within the writer's grids. */
  async function checked(ctx: RequestContext, body: Partial<DisputeCreate>) {
    const within = ledgerSubtrees(ctx.actor, 'ledger.write')
    const kind =
      body.kind === undefined ? undefined : (await loadCodeBook(db)).resolve('dispute_kind', body.kind)
    if (kind === null) throw badRequest('ledger.unknown_code', `No kind of dispute ${body.kind}`)
    let caseId: string | null | undefined
    if (body.caseNo) {
      caseId = await disputesRepo.caseByNo(db, body.caseNo, within)
      if (!caseId) throw badRequest('ledger.case_not_found', `No event ${body.caseNo} in your grids`)
    } else if (body.caseNo === null) caseId = null
    const ids = (body.parties ?? []).flatMap((p: Party) => ('personId' in p ? [p.personId] : []))
    const known = await disputesRepo.peopleNames(db, ids, within)
    if (ids.some((id) => !known.has(id)))
      throw badRequest('ledger.person_not_found', 'A party is not on your ledger')
    return { kind, caseId }
  }

  return {
    async list(ctx: RequestContext, q: DisputeListQuery) {
      const within = ledgerSubtrees(ctx.actor)
      const subtree = q.grid ? await ledgersRepo.gridPath(db, q.grid, within) : undefined
      if (subtree === null) return { items: [], nextCursor: null }
      const rows = await disputesRepo.list(db, { ...q, within, subtree, today: today(clock) })
      const last = rows.at(-1)
      return { items: await views(ctx, rows), nextCursor: rows.length === q.limit && last ? last.id : null }
    },

    async one(ctx: RequestContext, id: string) {
      const [view] = await views(ctx, [await visible(ctx, id)])
      return view as NonNullable<typeof view>
    },

    async create(ctx: RequestContext, body: DisputeCreate) {
      const grid = await placeRecord(deps, ctx, { gridCode: body.gridCode, point: body.point })
      const { kind, caseId } = await checked(ctx, body)
      const id = uuidv7()
      const write: DisputeWrite = {
        gridId: grid.id,
        gridPath: grid.path,
        caseId: caseId ?? null,
        kind: kind as string,
        scale: body.scale,
        summary: body.summary,
        parties: body.parties ?? [],
        mediationMethod: body.mediationMethod ?? null,
        mediator: body.mediator ?? null,
        deadline: body.deadline ?? null,
        outcome: body.outcome ?? null,
        resolvedOn: body.resolvedOn ?? null,
      }
      await inTransaction(deps, async (tx) => {
        await disputesRepo.insert(tx, id, write)
        await recordAudit(tx, ctx, {
          action: 'ledger.dispute_create',
          resourceType: 'dispute',
          resourceId: id,
          summary: { kind: write.kind, scale: write.scale, grid: grid.code, parties: write.parties.length },
        })
      })
      return this.one(ctx, id)
    },

    async update(ctx: RequestContext, id: string, body: DisputeUpdate) {
      const row = await writable(ctx, id)
      const { kind, caseId } = await checked(ctx, body)
      const has = (k: keyof DisputeUpdate) => Object.hasOwn(body, k)
      const write: DisputeWrite = {
        gridId: row.grid_id,
        gridPath: row.grid_path,
        caseId: caseId === undefined ? row.case_id : caseId,
        kind: kind ?? row.kind,
        scale: body.scale ?? row.scale,
        summary: body.summary ?? row.summary,
        parties: body.parties ?? row.parties,
        mediationMethod: has('mediationMethod') ? (body.mediationMethod ?? null) : row.mediation_method,
        mediator: has('mediator') ? (body.mediator ?? null) : row.mediator,
        deadline: has('deadline') ? (body.deadline ?? null) : row.deadline,
        outcome: has('outcome') ? (body.outcome ?? null) : row.outcome,
        resolvedOn: has('resolvedOn') ? (body.resolvedOn ?? null) : row.resolved_on,
      }
      await inTransaction(deps, async (tx) => {
        if (!(await disputesRepo.update(tx, id, body.version, write)))
          throw conflict('ledger.version_conflict', 'Someone changed this dispute first: reload it')
        await recordAudit(tx, ctx, {
          action: 'ledger.dispute_update',
          resourceType: 'dispute',
          resourceId: id,
          summary: { fields: Object.keys(body).filter((k) => k !== 'version') },
        })
      })
      return this.one(ctx, id)
    },

    async remove(ctx: RequestContext, id: string) {
      const row = await writable(ctx, id)
      await inTransaction(deps, async (tx) => {
        await disputesRepo.remove(tx, id)
        await recordAudit(tx, ctx, {
          action: 'ledger.dispute_delete',
          resourceType: 'dispute',
          resourceId: id,
          summary: { kind: row.kind, scale: row.scale },
        })
      })
    },
  }
}

export type DisputesService = ReturnType<typeof createDisputesService>
