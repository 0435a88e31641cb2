import type { Executor } from '../../../db/database'
import type { RequestContext } from '../../../lib/context'
import { uuidv7 } from '../../../lib/ids'
import { badRequest, conflict, forbidden, notFound, Problem } from '../../../lib/problem'
import { inTransaction } from '../../../lib/service'
import { recordPersonalDataRead } from '../../audit/audit.personal-data'
import { recordAudit } from '../../audit/audit.service'
import { loadCodeBook } from '../codes/codes.book'
import type { LedgerDeps } from '../ledgers.deps'
import { ledgerSubtrees, mayReadLedger, mayWriteLedger } from '../ledgers.policy'
import { maskAddress } from '../privacy/masks'
import { tableSealer } from '../privacy/seal'
import { checkCode, localDay, roomNotFound } from './buildings.service'
import { checkHousehold } from './households.fields'
import { toHouseholdView } from './households.presenter'
import { type HouseholdRow, householdsRepo, type MemberRow } from './households.repo'
import type {
  HouseholdCreateBody,
  HouseholdHeadBody,
  HouseholdListQuery,
  HouseholdUpdateBody,
} from './households.schema'
import { placesRepo } from './places.repo'
import { residencesRepo } from './residences.repo'

/** The relation code of the head 户主 in the code table `relation`. */
export const HEAD = '01'

const outOfScope = () => forbidden('grid.out_of_scope', 'You may not change the ledger of this grid')
const personNotFound = (field = 'personId') =>
  notFound('ledger.person_not_found', `No such person (${field})`)
const householdNotFound = () => notFound('ledger.household_not_found', 'No such household')

/**
 * Households 户: a number 户号 in a grid (its room's, or its head's without a room), a head 户主 and
 * members by their relation to the head 与户主关系. A person belongs to one household at a time.
 */
export function createHouseholdsService(deps: LedgerDeps) {
  const { db, clock } = deps
  const today = () => localDay(clock())
  const sealer = tableSealer(deps.fields, 'people')
  const openIdNumber = (m: MemberRow) => sealer.open('id_number_sealed', m.person_id, m.id_number_sealed)

  /** A person the reader may see (404 otherwise). */
  async function personInScope(ctx: RequestContext, personId: string, field = 'personId') {
    const person = await residencesRepo.person(db, personId)
    if (!person || !mayReadLedger(ctx.actor, person.grid_path)) throw personNotFound(field)
    return person
  }

  /** A room the writer may change, with its building's grid (404 when unseen, 403 when read-only). */
  async function writableRoomGrid(ctx: RequestContext, roomId: string) {
    const room = await placesRepo.room(db, roomId)
    const building = room ? await placesRepo.building(db, room.building_id) : undefined
    if (!room || !building || !mayReadLedger(ctx.actor, building.grid_path)) throw roomNotFound()
    if (!mayWriteLedger(ctx.actor, building.grid_path)) throw outOfScope()
    return { id: building.grid_id, path: building.grid_path }
  }

  /** 409 when the person belongs to another household now. */
  async function refuseOtherHousehold(
    ex: Executor,
    personId: string,
    householdId: string | null,
    field: string,
  ) {
    const other = await householdsRepo.otherHouseholdOf(ex, personId, householdId)
    if (other)
      throw conflict('ledger.in_other_household', 'The person belongs to another household', {
        field,
        householdId: other,
      })
  }

  async function present(ctx: RequestContext, rows: HouseholdRow[], purpose: string) {
    const members = await householdsRepo.members(
      db,
      rows.map((r) => r.id),
    )
    if (members.length > 0)
      await recordPersonalDataRead(db, ctx, {
        subjectType: 'person',
        subjectIds: members.map((m) => m.person_id),
        purpose,
        fields: ['name', 'idNumber'],
        masked: true,
      })
    return rows.map((r) =>
      toHouseholdView(
        r,
        members.filter((m) => m.household_id === r.id),
        ctx.actor,
        openIdNumber,
      ),
    )
  }

  async function readable(ctx: RequestContext, id: string) {
    const [row] = await householdsRepo.list(db, {
      within: ledgerSubtrees(ctx.actor, 'ledger.read'),
      id,
      limit: 1,
    })
    if (!row) throw householdNotFound()
    return row
  }

  async function writable(ctx: RequestContext, id: string) {
    const row = await readable(ctx, id)
    if (!mayWriteLedger(ctx.actor, row.grid_path)) throw outOfScope()
    return row
  }

  async function view(ctx: RequestContext, id: string) {
    const [one] = await present(ctx, [await readable(ctx, id)], 'ledger.household')
    if (!one) throw householdNotFound()
    return one
  }

  /** The room a household moves to, and its building's grid (404 when unseen, 403 when read-only). */
  async function roomGrid(ex: Executor, ctx: RequestContext, roomId: string, write: boolean) {
    const room = await placesRepo.room(ex, roomId)
    const building = room ? await placesRepo.building(ex, room.building_id) : undefined
    if (!room || !building || !mayReadLedger(ctx.actor, building.grid_path))
      throw new Problem(400, 'ledger.invalid', 'Some fields are not valid', {
        errors: [{ field: 'roomId', code: 'ledger.room_not_found', message: '所在户室不存在' }],
      })
    if (write && !mayWriteLedger(ctx.actor, building.grid_path)) throw outOfScope()
    return { id: building.grid_id, path: building.grid_path }
  }

  /** A change as the form sends it (the fields given replace), checked: the values to write. */
  async function checkChange(ex: Executor, row: HouseholdRow, patch: Record<string, unknown>) {
    const input: Record<string, unknown> = { number: row.number, roomId: row.room_id, ...patch }
    const checked = checkHousehold(input, await loadCodeBook(ex))
    if (!checked.ok)
      throw new Problem(400, 'ledger.invalid', 'Some fields are not valid', { errors: checked.errors })
    return checked.values
  }

  /**
   * The desk edit's write, in the caller's transaction: the household in the writer's scope at the
   * version the form was read at (409 otherwise), checked, changed, its history and audit written.
   * `via` names the field proposal a change comes from. Answers the version reached.
   */
  async function changeIn(
    tx: Executor,
    ctx: RequestContext,
    id: string,
    patch: Record<string, unknown>,
    version: number,
    via?: { proposalId: string },
  ): Promise<number> {
    const [row] = await householdsRepo.list(tx, {
      within: ledgerSubtrees(ctx.actor, 'ledger.read'),
      id,
      limit: 1,
    })
    if (!row) throw householdNotFound()
    if (!mayWriteLedger(ctx.actor, row.grid_path)) throw outOfScope()
    const locked = await householdsRepo.lock(tx, id)
    if (locked !== version)
      throw conflict('ledger.version_conflict', 'Someone changed this household since you read it', {
        version: locked,
      })
    const next = await checkChange(tx, row, patch)
    const grid =
      next.roomId && next.roomId !== row.room_id
        ? await roomGrid(tx, ctx, next.roomId, true)
        : { id: row.grid_id, path: row.grid_path }
    const changes: Record<string, [unknown, unknown]> = {}
    if ((next.number ?? null) !== (row.number ?? null)) changes.number = [row.number, next.number]
    if ((next.roomId ?? null) !== (row.room_id ?? null)) changes.roomId = [row.room_id, next.roomId]
    if (grid.id !== row.grid_id) changes.gridPath = [row.grid_path, grid.path]
    if (!Object.keys(changes).length) return locked
    await householdsRepo.update(tx, id, { ...next, gridId: grid.id, gridPath: grid.path })
    await householdsRepo.recordChange(tx, uuidv7(), id, ctx.actor?.id ?? 'anonymous', changes)
    await recordAudit(tx, ctx, {
      action: 'ledger.household_update',
      resourceType: 'household',
      resourceId: id,
      summary: { fields: Object.keys(changes), ...(via ? { via: 'field', proposalId: via.proposalId } : {}) },
    })
    return locked + 1
  }

  return {
    view,

    async list(ctx: RequestContext, q: HouseholdListQuery) {
      const gridPath = q.grid ? (await deps.grids.current(ctx, q.grid)).path : undefined
      const rows = await householdsRepo.list(db, {
        within: ledgerSubtrees(ctx.actor, 'ledger.read'),
        gridPath,
        q: q.q,
        limit: q.limit,
        cursor: q.cursor,
      })
      const last = rows.at(-1)
      return {
        items: await present(ctx, rows, 'ledger.households'),
        nextCursor: rows.length === q.limit && last ? last.id : null,
      }
    },

    /** The desk edit of the number and the room, at the version read. */
    async update(ctx: RequestContext, id: string, body: HouseholdUpdateBody) {
      const { version, ...patch } = body
      await inTransaction(deps, (tx) => changeIn(tx, ctx, id, patch, version))
      return view(ctx, id)
    },

    changeIn,

    /** A household as a field proposal sees it: in the reader's scope (null otherwise), its fields and version. */
    async proposalTarget(ex: Executor, ctx: RequestContext, id: string) {
      const [row] = await householdsRepo.list(ex, {
        within: ledgerSubtrees(ctx.actor, 'ledger.read'),
        id,
        limit: 1,
      })
      if (!row) return null
      return {
        gridPath: row.grid_path,
        version: row.version,
        erased: false,
        values: { number: row.number, roomId: row.room_id } as Record<string, unknown>,
      }
    },

    /** A room as a household's field shows it: its place masked (the road kept, numbers hidden). */
    async roomPlace(ex: Executor, roomId: string): Promise<string | null> {
      const room = await placesRepo.room(ex, roomId)
      const building = room ? await placesRepo.building(ex, room.building_id) : undefined
      if (!room || !building) return null
      return maskAddress(`${building.address}${room.unit_name ?? ''}${room.number}`)
    },

    /** Checks a proposed change as the desk edit would (400 with every field's error): the values it sets. */
    async checkProposal(ctx: RequestContext, id: string, patch: Record<string, unknown>) {
      const row = await readable(ctx, id)
      const next = await checkChange(db, row, patch)
      if (next.roomId && next.roomId !== row.room_id) await roomGrid(db, ctx, next.roomId, false)
      return Object.fromEntries(Object.keys(patch).map((k) => [k, next[k as keyof typeof next]]))
    },

    /** A household in its room's grid (or its head's, without a room), the head its first member. */
    async create(ctx: RequestContext, body: HouseholdCreateBody) {
      const head = await personInScope(ctx, body.headPersonId, 'headPersonId')
      const grid = body.roomId
        ? await writableRoomGrid(ctx, body.roomId)
        : { id: head.grid_id, path: head.grid_path }
      if (!mayWriteLedger(ctx.actor, grid.path)) throw outOfScope()
      const id = uuidv7()
      await inTransaction(deps, async (tx) => {
        await refuseOtherHousehold(tx, head.id, null, 'headPersonId')
        await householdsRepo.insert(tx, {
          id,
          number: body.number || null,
          gridId: grid.id,
          gridPath: grid.path,
          roomId: body.roomId ?? null,
          headPersonId: head.id,
        })
        await householdsRepo.addMember(tx, {
          householdId: id,
          personId: head.id,
          relation: HEAD,
          fromDate: today(),
        })
        await recordAudit(tx, ctx, {
          action: 'ledger.household_create',
          resourceType: 'household',
          resourceId: id,
          summary: { roomId: body.roomId ?? null, headPersonId: head.id },
        })
      })
      return view(ctx, id)
    },

    async addMember(ctx: RequestContext, id: string, body: { personId: string; relation: string }) {
      const household = await writable(ctx, id)
      const person = await personInScope(ctx, body.personId)
      await checkCode(db, 'relation', body.relation, 'relation')
      if (body.relation === HEAD && person.id !== household.head_person_id)
        throw badRequest('ledger.one_head', 'A household has one head', { field: 'relation' })
      await inTransaction(deps, async (tx) => {
        await refuseOtherHousehold(tx, person.id, id, 'personId')
        await householdsRepo.addMember(tx, {
          householdId: id,
          personId: person.id,
          relation: body.relation,
          fromDate: today(),
        })
        await recordAudit(tx, ctx, {
          action: 'ledger.household_member_add',
          resourceType: 'household',
          resourceId: id,
          summary: { personId: person.id, relation: body.relation },
        })
      })
      return view(ctx, id)
    },

    async removeMember(ctx: RequestContext, id: string, personId: string) {
      const household = await writable(ctx, id)
      if ((await householdsRepo.relationOf(db, id, personId)) === null)
        throw notFound('ledger.member_not_found', 'The person is not a member of this household')
      if (personId === household.head_person_id)
        throw badRequest('ledger.head_cannot_leave', 'The head stays; name another head first')
      await inTransaction(deps, async (tx) => {
        await householdsRepo.removeMember(tx, id, personId, today())
        await recordAudit(tx, ctx, {
          action: 'ledger.household_member_remove',
          resourceType: 'household',
          resourceId: id,
          summary: { personId },
        })
      })
      return view(ctx, id)
    },

    /** 变更户主: a member becomes the head; the former head stays a member with the relation given. */
    async changeHead(ctx: RequestContext, id: string, body: HouseholdHeadBody) {
      const household = await writable(ctx, id)
      const former = household.head_person_id
      if (body.personId === former)
        throw badRequest('ledger.already_head', 'The person is the head already', { field: 'personId' })
      if ((await householdsRepo.relationOf(db, id, body.personId)) === null)
        throw badRequest('ledger.not_member', 'The new head must be a member of the household', {
          field: 'personId',
        })
      if (body.formerHeadRelation === HEAD)
        throw badRequest('ledger.one_head', 'A household has one head', { field: 'formerHeadRelation' })
      await checkCode(db, 'relation', body.formerHeadRelation, 'formerHeadRelation')
      await inTransaction(deps, async (tx) => {
        await householdsRepo.changeHead(tx, id, {
          headPersonId: body.personId,
          formerHeadPersonId: former,
          formerHeadRelation: body.formerHeadRelation,
        })
        await recordAudit(tx, ctx, {
          action: 'ledger.household_head_change',
          resourceType: 'household',
          resourceId: id,
          summary: { from: former, to: body.personId, formerHeadRelation: body.formerHeadRelation },
        })
      })
      return view(ctx, id)
    },
  }
}

export type HouseholdsService = ReturnType<typeof createHouseholdsService>
