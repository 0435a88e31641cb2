import type { Executor } from '../../../db/database'
import type { RequestContext } from '../../../lib/context'
import { uuidv7 } from '../../../lib/ids'
import { badRequest, conflict, forbidden, notFound } from '../../../lib/problem'
import { sqlStateOf } from '../../../lib/safe-error'
import { inTransaction } from '../../../lib/service'
import { recordAudit } from '../../audit/audit.service'
import type { LedgerDeps } from '../ledgers.deps'
import { ledgerSubtrees, mayReadLedger, mayWriteLedger } from '../ledgers.policy'
import { toBuildingView, toRoomView } from './places.presenter'
import { type BuildingCursor, type BuildingRow, placesRepo } from './places.repo'
import type {
  BuildingCreateBody,
  BuildingListQuery,
  BuildingUpdateBody,
  RoomCreateBody,
  RoomUpdateBody,
} from './places.schema'
import { residencesRepo } from './residences.repo'

/** The day a clock reads in China (UTC+8, no daylight saving): residences are dated in local days. */
export function localDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

export const buildingNotFound = () => notFound('ledger.building_not_found', 'No such building')
export const roomNotFound = () => notFound('ledger.room_not_found', 'No such room')
const outOfScope = () => forbidden('grid.out_of_scope', 'You may not change the ledger of this grid')

/** The list's cursor: the last row's address and id, opaque to the client. */
export function encodeCursor(c: BuildingCursor): string {
  return Buffer.from(JSON.stringify([c.address, c.id])).toString('base64url')
}

export function decodeCursor(cursor: string): BuildingCursor {
  try {
    const [address, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[]
    if (typeof address === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id))
      return { address, id }
  } catch {
    // falls through to the refusal
  }
  throw badRequest('ledger.bad_cursor', 'The cursor is not one this list gave')
}

/** A code must be an active row of its code table (house use, ownership, occupancy …). */
export async function checkCode(ex: Executor, table: string, code: string | null | undefined, field: string) {
  if (code == null) return
  if (!(await placesRepo.codeExists(ex, table, code)))
    throw badRequest('ledger.unknown_code', `${field}: ${code} is not in the code table ${table}`, {
      field,
      codeTable: table,
    })
}

/** Standard addresses 标准地址: buildings placed in their grid by location, their units and rooms 实有房屋. */
export function createBuildingsService(deps: LedgerDeps) {
  const { db, grids, clock } = deps

  /** The leaf grid holding the point, or 400 outside every grid. */
  async function placeAt(point: { lng: number; lat: number }) {
    const leaf = (await grids.chainAt(point.lng, point.lat)).at(-1)
    if (!leaf)
      throw badRequest('ledger.outside_grids', `No grid covers ${point.lng}, ${point.lat}`, {
        field: 'point',
      })
    return { id: leaf.id, path: leaf.path, code: leaf.code }
  }

  /** A building the reader may see (404 otherwise: whether it exists is not said). */
  async function readable(ctx: RequestContext, id: string, ex: Executor = db): Promise<BuildingRow> {
    const row = await placesRepo.building(ex, id)
    if (!row || !mayReadLedger(ctx.actor, row.grid_path)) throw buildingNotFound()
    return row
  }

  async function writable(ctx: RequestContext, id: string, ex: Executor = db): Promise<BuildingRow> {
    const row = await readable(ctx, id, ex)
    if (!mayWriteLedger(ctx.actor, row.grid_path)) throw outOfScope()
    return row
  }

  const duplicateCode = (code: string) =>
    conflict('ledger.duplicate_code', `The grid already has a building coded ${code}`, { field: 'code' })

  async function view(ctx: RequestContext, id: string) {
    return toBuildingView(await readable(ctx, id), ctx.actor)
  }

  async function roomsOf(ctx: RequestContext, building: BuildingRow) {
    const rooms = await placesRepo.rooms(db, building.id)
    const occupants = await residencesRepo.residences(
      db,
      rooms.map((r) => r.id),
      localDay(clock()),
      'current',
    )
    return rooms.map((r) =>
      toRoomView(
        r,
        occupants.filter((o) => o.room_id === r.id),
        ctx.actor,
        building.grid_path,
      ),
    )
  }

  async function checkHouseCodes(ex: Executor, body: Partial<RoomCreateBody>) {
    await checkCode(ex, 'ownership', body.ownership, 'ownership')
    await checkCode(ex, 'house_use', body.houseUse, 'houseUse')
    await checkCode(ex, 'occupancy', body.occupancy, 'occupancy')
  }

  return {
    readable,
    writable,

    async list(ctx: RequestContext, q: BuildingListQuery) {
      const within = ledgerSubtrees(ctx.actor, 'ledger.read')
      const gridPath = q.grid ? (await grids.current(ctx, q.grid)).path : undefined
      const rows = await placesRepo.listBuildings(db, {
        within,
        gridPath,
        text: q.q || undefined,
        limit: q.limit,
        after: q.cursor ? decodeCursor(q.cursor) : undefined,
      })
      const last = rows.at(-1)
      return {
        items: rows.map((r) => toBuildingView(r, ctx.actor)),
        nextCursor: rows.length === q.limit && last ? encodeCursor(last) : null,
      }
    },

    view,

    /** Places a new building in the leaf grid holding its point; the writer must hold ledger.write there. */
    async create(ctx: RequestContext, body: BuildingCreateBody) {
      const grid = await placeAt(body.point)
      if (!mayWriteLedger(ctx.actor, grid.path)) throw outOfScope()
      const id = uuidv7()
      try {
        await inTransaction(deps, async (tx) => {
          await placesRepo.insertBuilding(tx, {
            id,
            gridId: grid.id,
            gridPath: grid.path,
            code: body.code,
            name: body.name,
            address: body.address,
            road: body.road ?? null,
            number: body.number ?? null,
            estate: body.estate ?? null,
            use: body.use ?? null,
            floors: body.floors ?? null,
            point: body.point,
          })
          await recordAudit(tx, ctx, {
            action: 'ledger.building_create',
            resourceType: 'building',
            resourceId: id,
            summary: { grid: grid.code, code: body.code },
          })
        })
      } catch (error) {
        if (sqlStateOf(error) === '23505') throw duplicateCode(body.code)
        throw error
      }
      return view(ctx, id)
    },

    /**
     * Changes a building at its version. A new point in another grid moves it there (audited as a
     * move; the writer must hold ledger.write over both grids), with the people living in it.
     */
    async update(ctx: RequestContext, id: string, body: BuildingUpdateBody) {
      const row = await writable(ctx, id)
      const { version, ...fields } = body
      const target = body.point ? await placeAt(body.point) : null
      const moves = target !== null && target.id !== row.grid_id
      if (moves && !mayWriteLedger(ctx.actor, target.path)) throw outOfScope()
      try {
        await inTransaction(deps, async (tx) => {
          const changed = await placesRepo.updateBuilding(tx, id, version, {
            ...fields,
            ...(moves ? { gridId: target.id, gridPath: target.path } : {}),
          })
          if (!changed)
            throw conflict(
              'ledger.version_conflict',
              `The building is at version ${row.version}, not ${version}`,
              {
                version: row.version,
              },
            )
          await recordAudit(tx, ctx, {
            action: 'ledger.building_update',
            resourceType: 'building',
            resourceId: id,
            summary: { fields: Object.keys(fields) },
          })
          if (moves) {
            const followed = await placesRepo.residentsFollowBuilding(tx, id, localDay(clock()))
            await recordAudit(tx, ctx, {
              action: 'ledger.building_move',
              resourceType: 'building',
              resourceId: id,
              summary: { from: row.grid_code, to: target.code, ...followed },
            })
          }
        })
      } catch (error) {
        if (sqlStateOf(error) === '23505') throw duplicateCode(body.code ?? row.code)
        throw error
      }
      return view(ctx, id)
    },

    /** Deletes a building nobody lives or lived in (history is kept, so a building with it stays). */
    async remove(ctx: RequestContext, id: string) {
      const row = await writable(ctx, id)
      await inTransaction(deps, async (tx) => {
        if (await placesRepo.buildingInUse(tx, id))
          throw conflict(
            'ledger.building_in_use',
            'People live or lived in this building: it stays on the ledger',
          )
        await placesRepo.deleteBuilding(tx, id)
        await recordAudit(tx, ctx, {
          action: 'ledger.building_delete',
          resourceType: 'building',
          resourceId: id,
          summary: { grid: row.grid_code, code: row.code },
        })
      })
    },

    /** Address search 地址检索: text in the address, name or estate of the buildings in the reader's scope. */
    async addresses(ctx: RequestContext, q: { q: string; limit: number }) {
      const rows = await placesRepo.addresses(db, {
        within: ledgerSubtrees(ctx.actor, 'ledger.read'),
        text: q.q,
        limit: q.limit,
      })
      return rows.map((r) => ({
        buildingId: r.id,
        name: r.name,
        address: r.address,
        estate: r.estate,
        point: { lng: Number(r.lng), lat: Number(r.lat) },
        grid: { code: r.grid_code, name: r.grid_name },
      }))
    },

    async units(ctx: RequestContext, id: string) {
      await readable(ctx, id)
      return placesRepo.units(db, id)
    },

    async addUnit(ctx: RequestContext, id: string, body: { name: string; sort?: number }) {
      await writable(ctx, id)
      const unitId = uuidv7()
      try {
        await inTransaction(deps, async (tx) => {
          await placesRepo.insertUnit(tx, {
            id: unitId,
            buildingId: id,
            name: body.name,
            sort: body.sort ?? 0,
          })
          await recordAudit(tx, ctx, {
            action: 'ledger.unit_create',
            resourceType: 'building',
            resourceId: id,
            summary: { unitId, name: body.name },
          })
        })
      } catch (error) {
        if (sqlStateOf(error) === '23505')
          throw conflict('ledger.duplicate_unit', `The building already has a unit ${body.name}`, {
            field: 'name',
          })
        throw error
      }
      return { id: unitId, name: body.name, sort: body.sort ?? 0 }
    },

    /** The building's units and rooms, each room with its occupants now (names masked). */
    async rooms(ctx: RequestContext, id: string) {
      const building = await readable(ctx, id)
      return { units: await placesRepo.units(db, id), rooms: await roomsOf(ctx, building) }
    },

    async addRoom(ctx: RequestContext, id: string, body: RoomCreateBody) {
      const building = await writable(ctx, id)
      if (body.unitId && !(await placesRepo.unitOf(db, id, body.unitId)))
        throw badRequest('ledger.unknown_unit', 'The unit is not one of this building', { field: 'unitId' })
      await checkHouseCodes(db, body)
      const roomId = uuidv7()
      try {
        await inTransaction(deps, async (tx) => {
          await placesRepo.insertRoom(tx, {
            id: roomId,
            buildingId: id,
            unitId: body.unitId ?? null,
            number: body.number,
            floor: body.floor ?? null,
            houseCategory: body.houseCategory ?? null,
            ownership: body.ownership ?? null,
            houseUse: body.houseUse ?? null,
            area: body.area ?? null,
            occupancy: body.occupancy ?? null,
          })
          await recordAudit(tx, ctx, {
            action: 'ledger.room_create',
            resourceType: 'room',
            resourceId: roomId,
            summary: { building: id, number: body.number },
          })
        })
      } catch (error) {
        if (sqlStateOf(error) === '23505')
          throw conflict('ledger.duplicate_room', `The building already has a room ${body.number}`, {
            field: 'number',
          })
        throw error
      }
      const room = await placesRepo.room(db, roomId)
      if (!room) throw new Error('the room just written is missing')
      return toRoomView(room, [], ctx.actor, building.grid_path)
    },

    async updateRoom(ctx: RequestContext, roomId: string, body: RoomUpdateBody) {
      const room = await placesRepo.room(db, roomId)
      if (!room) throw roomNotFound()
      const building = await placesRepo.building(db, room.building_id)
      if (!building || !mayReadLedger(ctx.actor, building.grid_path)) throw roomNotFound()
      if (!mayWriteLedger(ctx.actor, building.grid_path)) throw outOfScope()
      if (body.unitId && !(await placesRepo.unitOf(db, building.id, body.unitId)))
        throw badRequest('ledger.unknown_unit', 'The unit is not one of this building', { field: 'unitId' })
      await checkHouseCodes(db, body)
      const { version, ...fields } = body
      try {
        await inTransaction(deps, async (tx) => {
          if (!(await placesRepo.updateRoom(tx, roomId, version, fields)))
            throw conflict(
              'ledger.version_conflict',
              `The room is at version ${room.version}, not ${version}`,
              {
                version: room.version,
              },
            )
          await recordAudit(tx, ctx, {
            action: 'ledger.room_update',
            resourceType: 'room',
            resourceId: roomId,
            summary: { fields: Object.keys(fields) },
          })
        })
      } catch (error) {
        if (sqlStateOf(error) === '23505')
          throw conflict('ledger.duplicate_room', 'The building already has a room with this number', {
            field: 'number',
          })
        throw error
      }
      const changed = await placesRepo.room(db, roomId)
      if (!changed) throw new Error('the room just changed is missing')
      const occupants = await residencesRepo.residences(db, [roomId], localDay(clock()), 'current')
      return toRoomView(changed, occupants, ctx.actor, building.grid_path)
    },
  }
}

export type BuildingsService = ReturnType<typeof createBuildingsService>
