import type { Executor } from '../../../db/database'
import type { RequestContext } from '../../../lib/context'
import { uuidv7 } from '../../../lib/ids'
import { badRequest, conflict, forbidden, notFound } from '../../../lib/problem'
import { inTransaction } from '../../../lib/service'
import { recordPersonalDataRead } from '../../audit/audit.personal-data'
import { recordAudit } from '../../audit/audit.service'
import type { LedgerDeps } from '../ledgers.deps'
import { ledgerSubtrees, mayReadLedger, mayWriteLedger } from '../ledgers.policy'
import { tableSealer } from '../privacy/seal'
import { checkCode, localDay, roomNotFound } from './buildings.service'
import { toHouseholdView } from './households.presenter'
import { type HouseholdRow, householdsRepo, type MemberRow } from './households.repo'
import type { HouseholdCreateBody, HouseholdHeadBody, HouseholdListQuery } from './households.schema'
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
