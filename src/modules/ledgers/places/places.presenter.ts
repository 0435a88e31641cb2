import type { Actor } from '../../../lib/context'
import { recordAbilities } from '../ledgers.policy'
import { maskName } from '../privacy/masks'
import type { BuildingRow, RoomRow } from './places.repo'
import type { BuildingView, Occupant, RoomView } from './places.schema'
import type { ResidenceRow } from './residences.repo'

/** Row → API view, an allow-list; people's names always masked here (the profile unmasks, with a reason). */

export function toBuildingView(row: BuildingRow, actor: Actor | null): BuildingView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    address: row.address,
    road: row.road,
    number: row.number,
    estate: row.estate,
    use: row.use,
    floors: row.floors,
    point: { lng: Number(row.lng), lat: Number(row.lat) },
    grid: { code: row.grid_code, name: row.grid_name },
    units: row.units,
    rooms: row.rooms,
    occupiedRooms: row.occupied_rooms,
    version: row.version,
    // Buildings hold no personal field to unmask: only update and delete.
    abilities: recordAbilities(actor, row.grid_path, false),
  }
}

export function toOccupant(row: ResidenceRow): Occupant {
  return {
    residenceId: row.id,
    personId: row.person_id,
    name: maskName(row.name),
    relation: row.relation,
    since: row.from_date,
    until: row.to_date,
  }
}

export function toRoomView(
  row: RoomRow,
  occupants: ResidenceRow[],
  actor: Actor | null,
  gridPath: string,
): RoomView {
  return {
    id: row.id,
    buildingId: row.building_id,
    unitId: row.unit_id,
    number: row.number,
    floor: row.floor,
    houseCategory: row.house_category,
    ownership: row.ownership,
    houseUse: row.house_use,
    area: row.area === null ? null : Number(row.area),
    occupancy: row.occupancy,
    occupants: occupants.map(toOccupant),
    version: row.version,
    abilities: recordAbilities(actor, gridPath, false),
  }
}
