import type { Executor } from '../../../db/database'
import type { RequestContext } from '../../../lib/context'
import { uuidv7 } from '../../../lib/ids'
import { badRequest, conflict, forbidden, notFound } from '../../../lib/problem'
import { inTransaction } from '../../../lib/service'
import { recordAudit } from '../../audit/audit.service'
import type { LedgerDeps } from '../ledgers.deps'
import { mayReadLedger, mayWriteLedger } from '../ledgers.policy'
import { localDay, roomNotFound } from './buildings.service'
import { toOccupant, toRoomView } from './places.presenter'
import { placesRepo } from './places.repo'
import type { MoveInBody, RentalCreateBody } from './places.schema'
import { type PersonRef, residencesRepo } from './residences.repo'

const outOfScope = () => forbidden('grid.out_of_scope', 'You may not change the ledger of this grid')
const personNotFound = (field = 'personId') =>
  notFound('ledger.person_not_found', `No such person (${field})`)

/** The day before an ISO date. */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}

/**
 * Who lives where 居住关系: residences dated person ↔ room (a move closes the previous one the day
 * before, so history is kept) and rental registrations 出租房屋登记 with their tenants (households 户:
 * households.service.ts).
 */
export function createResidencesService(deps: LedgerDeps) {
  const { db, clock } = deps
  const today = () => localDay(clock())

  /** A room and its building, if the reader may see them (404 otherwise). */
  async function roomInScope(ctx: RequestContext, roomId: string, ex: Executor = db) {
    const room = await placesRepo.room(ex, roomId)
    const building = room ? await placesRepo.building(ex, room.building_id) : undefined
    if (!room || !building || !mayReadLedger(ctx.actor, building.grid_path)) throw roomNotFound()
    return { room, building }
  }

  async function writableRoom(ctx: RequestContext, roomId: string, ex: Executor = db) {
    const found = await roomInScope(ctx, roomId, ex)
    if (!mayWriteLedger(ctx.actor, found.building.grid_path)) throw outOfScope()
    return found
  }

  /** A person the reader may see (404 otherwise). */
  async function personInScope(ctx: RequestContext, personId: string, field = 'personId', ex: Executor = db) {
    const person = await residencesRepo.person(ex, personId)
    if (!person || !mayReadLedger(ctx.actor, person.grid_path)) throw personNotFound(field)
    return person
  }

  /**
   * Moves a person into a room from a date: their residences still open on that date end the day
   * before, and the person's grid follows the room's.
   */
  async function moveIn(
    tx: Executor,
    person: { id: string },
    target: { roomId: string; grid: { id: string; path: string } },
    r: { relation: string; fromDate: string; toDate?: string | null; rentalId?: string | null },
  ) {
    const closed: string[] = []
    for (const open of await residencesRepo.openResidences(tx, person.id, r.fromDate)) {
      if (open.room_id === target.roomId)
        throw conflict('ledger.already_resident', 'The person already lives in this room on that date', {
          field: 'personId',
        })
      if (open.from_date >= r.fromDate)
        throw badRequest(
          'ledger.residence_dates',
          `The person's residence from ${open.from_date} would end before it began`,
          { field: 'fromDate' },
        )
      await residencesRepo.endResidence(tx, open.id, dayBefore(r.fromDate))
      closed.push(open.id)
    }
    const id = uuidv7()
    await residencesRepo.insertResidence(tx, {
      id,
      personId: person.id,
      roomId: target.roomId,
      relation: r.relation,
      rentalId: r.rentalId ?? null,
      fromDate: r.fromDate,
      toDate: r.toDate ?? null,
    })
    await residencesRepo.placePerson(tx, person.id, target.grid)
    return { id, closed }
  }

  async function roomDetail(ctx: RequestContext, roomId: string) {
    const { room, building } = await roomInScope(ctx, roomId)
    const [current, ended, rentals] = await Promise.all([
      residencesRepo.residences(db, [roomId], today(), 'current'),
      residencesRepo.residences(db, [roomId], today(), 'ended'),
      residencesRepo.rentals(db, roomId),
    ])
    return {
      ...toRoomView(room, current, ctx.actor, building.grid_path),
      building: {
        id: building.id,
        name: building.name,
        address: building.address,
        grid: { code: building.grid_code, name: building.grid_name },
      },
      unitName: room.unit_name,
      history: ended.map(toOccupant),
      rentals: rentals.map((t) => ({
        id: t.id,
        startsOn: t.starts_on,
        endsOn: t.ends_on,
        purpose: t.purpose,
        tenants: t.tenants,
      })),
    }
  }

  return {
    roomDetail,

    async moveIn(ctx: RequestContext, roomId: string, body: MoveInBody) {
      const { building } = await writableRoom(ctx, roomId)
      const person = await personInScope(ctx, body.personId)
      await inTransaction(deps, async (tx) => {
        const moved = await moveIn(
          tx,
          person,
          { roomId, grid: { id: building.grid_id, path: building.grid_path } },
          body,
        )
        await recordAudit(tx, ctx, {
          action: 'ledger.move_in',
          resourceType: 'room',
          resourceId: roomId,
          summary: {
            personId: person.id,
            relation: body.relation,
            fromDate: body.fromDate,
            closed: moved.closed,
          },
        })
      })
      return roomDetail(ctx, roomId)
    },

    /** Ends a residence on a date (the person moved out); the history keeps it. */
    async moveOut(ctx: RequestContext, roomId: string, residenceId: string, toDate: string) {
      await writableRoom(ctx, roomId)
      const residence = await residencesRepo.residence(db, residenceId)
      if (!residence || residence.room_id !== roomId)
        throw notFound('ledger.residence_not_found', 'No such residence in this room')
      if (residence.to_date !== null && residence.to_date < toDate)
        throw conflict('ledger.residence_ended', `The residence ended on ${residence.to_date}`)
      if (toDate < residence.from_date)
        throw badRequest('ledger.residence_dates', `The residence began on ${residence.from_date}`, {
          field: 'toDate',
        })
      await inTransaction(deps, async (tx) => {
        await residencesRepo.endResidence(tx, residenceId, toDate)
        await recordAudit(tx, ctx, {
          action: 'ledger.move_out',
          resourceType: 'room',
          resourceId: roomId,
          summary: { personId: residence.person_id, toDate },
        })
      })
      return roomDetail(ctx, roomId)
    },

    /** Registers a rental 出租房屋登记: the room turns rented and each tenant moves in as a tenant. */
    async registerRental(ctx: RequestContext, body: RentalCreateBody) {
      const { building } = await writableRoom(ctx, body.roomId)
      if (body.landlordPersonId) await personInScope(ctx, body.landlordPersonId, 'landlordPersonId')
      const tenants: PersonRef[] = []
      for (const [i, personId] of [...new Set(body.tenants)].entries())
        tenants.push(await personInScope(ctx, personId, `tenants.${i}`))
      const id = uuidv7()
      await inTransaction(deps, async (tx) => {
        await residencesRepo.insertRental(tx, {
          id,
          roomId: body.roomId,
          landlordPersonId: body.landlordPersonId ?? null,
          startsOn: body.startsOn,
          endsOn: body.endsOn ?? null,
          purpose: body.purpose ?? null,
        })
        for (const tenant of tenants)
          await moveIn(
            tx,
            tenant,
            { roomId: body.roomId, grid: { id: building.grid_id, path: building.grid_path } },
            { relation: 'tenant', fromDate: body.startsOn, toDate: body.endsOn ?? null, rentalId: id },
          )
        await placesRepo.setOccupancy(tx, body.roomId, 'rented')
        await recordAudit(tx, ctx, {
          action: 'ledger.rental_create',
          resourceType: 'room',
          resourceId: body.roomId,
          summary: {
            rentalId: id,
            tenants: tenants.length,
            startsOn: body.startsOn,
            endsOn: body.endsOn ?? null,
          },
        })
      })
      return roomDetail(ctx, body.roomId)
    },
  }
}

export type ResidencesService = ReturnType<typeof createResidencesService>
