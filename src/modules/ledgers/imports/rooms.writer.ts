import type { Executor } from '../../../db/database'
import type { RequestContext } from '../../../lib/context'
import { uuidv7 } from '../../../lib/ids'
import { recordAudit } from '../../audit/audit.service'
import { ledgerSubtrees, mayWriteLedger } from '../ledgers.policy'
import { type ImportBuildingRow, type ImportRoomRow, placesImportRepo } from '../places/places.import.repo'
import { placesRepo } from '../places/places.repo'
import type { RoomRecord } from '../places/rooms.fields'
import type { FieldError } from '../validate/fields'
import { ambiguousBuilding, buildingsNamed } from './buildings.writer'
import type { ImportItem, RowOutcome, SheetWriter } from './imports.writer'

const stale: FieldError = {
  field: 'number',
  code: 'ledger.version_conflict',
  message: '该户室刚被他人修改，请重新导入此行',
}
const repeated: FieldError = {
  field: 'number',
  code: 'ledger.room_repeated',
  message: '同一户室在表中以不同的网格编码出现了多次，请合并为一行',
}

/** A unit's place in the building's list: the number in its name (3单元 → 3), else 0. */
const sortOf = (name: string) => Number(/\d{1,3}/.exec(name)?.[0] ?? 0)

const unitKey = (buildingId: string, name: string) => `${buildingId}/${name}`

/**
 * Rooms 户室 with their house fields 实有房屋: one per building, unit and number. The building is named
 * by its grid (or one above it) and code and must be on the ledger within the importer's grids; a unit
 * not there yet is added. Non-empty cells replace, empty ones keep; audited as the page's writes are.
 */
export function roomsWriter(): SheetWriter<RoomRecord, ImportItem<RoomRecord>> {
  /** The building of each row, or why the row names none. */
  function buildingOf(item: ImportItem<RoomRecord>, known: ImportBuildingRow[], ctx: RequestContext) {
    const r = item.record
    const named = buildingsNamed(known, r.buildingCode, item.grid)
    if (named.length > 1) return ambiguousBuilding(r.gridCode, r.buildingCode)
    const building = named[0]
    if (!building || !mayWriteLedger(ctx.actor, building.grid_path))
      return {
        field: 'buildingCode',
        code: 'ledger.building_not_found',
        message: `网格“${r.gridCode}”下没有编码为“${r.buildingCode}”的建筑物（或不在您的维护范围内），请先导入建筑物`,
      } satisfies FieldError
    return building
  }

  /** The units the rows name, those missing added (another batch may add one meanwhile: kept). */
  async function unitsFor(
    ex: Executor,
    ctx: RequestContext,
    wanted: Map<string, { buildingId: string; name: string }>,
  ) {
    const ids = new Map<string, string>()
    if (!wanted.size) return ids
    const buildingIds = [...new Set([...wanted.values()].map((u) => u.buildingId))]
    const load = async () => {
      for (const u of await placesImportRepo.units(ex, buildingIds))
        ids.set(unitKey(u.building_id, u.name), u.id)
    }
    await load()
    const missing = [...wanted.entries()].filter(([key]) => !ids.has(key)).map(([, u]) => u)
    if (!missing.length) return ids
    const added = await placesImportRepo.addUnits(
      ex,
      missing.map((u) => ({ id: uuidv7(), buildingId: u.buildingId, name: u.name, sort: sortOf(u.name) })),
    )
    for (const u of added)
      await recordAudit(ex, ctx, {
        action: 'ledger.unit_create',
        resourceType: 'building',
        resourceId: u.building_id,
        summary: { via: 'import', unitId: u.id, name: u.name },
      })
    await load()
    return ids
  }

  return {
    prepare: (items) => [...items],
    async write(ex, ctx, items) {
      const known = await placesImportRepo.buildingsByCodes(
        ex,
        [...new Set(items.map((i) => i.record.buildingCode))],
        ledgerSubtrees(ctx.actor, 'ledger.write'),
      )
      const buildings = items.map((item) => buildingOf(item, known, ctx))
      const wanted = new Map<string, { buildingId: string; name: string }>()
      items.forEach((item, i) => {
        const b = buildings[i]
        const unit = item.record.unit
        if (b && 'id' in b && unit) wanted.set(unitKey(b.id, unit), { buildingId: b.id, name: unit })
      })
      const units = await unitsFor(ex, ctx, wanted)
      const found = buildings.flatMap((b) => (b && 'id' in b ? [b.id] : []))
      const roomKey = (buildingId: string, unitId: string | null, number: string) =>
        `${buildingId}/${unitId ?? ''}/${number}`
      const rooms = new Map<string, ImportRoomRow>(
        (
          await placesImportRepo.rooms(
            ex,
            [...new Set(found)],
            [...new Set(items.map((i) => i.record.number))],
          )
        ).map((x) => [roomKey(x.building_id, x.unit_id, x.number), x]),
      )

      const outcomes: RowOutcome[] = []
      for (const [i, item] of items.entries()) {
        const building = buildings[i] as ImportBuildingRow | FieldError
        if ('field' in building) {
          outcomes.push(building)
          continue
        }
        const r = item.record
        const unitId = r.unit ? (units.get(unitKey(building.id, r.unit)) ?? null) : null
        const room = rooms.get(roomKey(building.id, unitId, r.number))
        const house = {
          floor: r.floor,
          houseCategory: r.houseCategory,
          ownership: r.ownership,
          houseUse: r.houseUse,
          area: r.area,
          occupancy: r.occupancy,
        }
        if (room) {
          const set = Object.fromEntries(Object.entries(house).filter(([, v]) => v !== null))
          if (!(await placesRepo.updateRoom(ex, room.id, room.version, set))) {
            outcomes.push(stale)
            continue
          }
          room.version += 1
          await recordAudit(ex, ctx, {
            action: 'ledger.room_update',
            resourceType: 'room',
            resourceId: room.id,
            summary: { via: 'import', fields: Object.keys(set) },
          })
          outcomes.push('updated')
          continue
        }
        const id = uuidv7()
        if (
          !(await placesImportRepo.insertRoom(ex, {
            id,
            buildingId: building.id,
            unitId,
            number: r.number,
            ...house,
          }))
        ) {
          outcomes.push(repeated)
          continue
        }
        rooms.set(roomKey(building.id, unitId, r.number), {
          id,
          building_id: building.id,
          unit_id: unitId,
          number: r.number,
          version: 1,
        })
        await recordAudit(ex, ctx, {
          action: 'ledger.room_create',
          resourceType: 'room',
          resourceId: id,
          summary: { via: 'import', building: building.id, number: r.number },
        })
        outcomes.push('created')
      }
      return outcomes
    },
  }
}
