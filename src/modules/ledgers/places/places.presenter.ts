import type { Actor } from '../../../lib/context'
import { recordAbilities } from '../ledgers.policy'
import { maskName } from '../privacy/masks'
import type { BuildingRow, HouseholdRow, ResidenceRow, RoomRow } from './places.repo'
import type { BuildingView, HouseholdView, Occupant, RoomView } from './places.schema'

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

export function toHouseholdView(
  row: HouseholdRow,
  members: { person_id: string; name: string; relation: string; from_date: string }[],
  actor: Actor | null,
): HouseholdView {
  return {
    id: row.id,
    number: row.number,
    grid: { code: row.grid_code, name: row.grid_name },
    room:
      row.room_id && row.room_number && row.building_id
        ? {
            id: row.room_id,
            number: row.room_number,
            buildingId: row.building_id,
            address: row.address ?? '',
          }
        : null,
    members: members.map((m) => ({
      personId: m.person_id,
      name: maskName(m.name),
      relation: m.relation,
      since: m.from_date,
    })),
    version: row.version,
    abilities: recordAbilities(actor, row.grid_path, false),
  }
}
