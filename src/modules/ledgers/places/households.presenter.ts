import type { Actor } from '../../../lib/context'
import { recordAbilities } from '../ledgers.policy'
import { ERASED_NAME } from '../people/people.presenter'
import { maskAddress, maskIdNumber, maskName } from '../privacy/masks'
import type { HouseholdRow, MemberRow } from './households.repo'
import type { HouseholdView } from './households.schema'

/** Row → API view, an allow-list: names and ID numbers masked, the room's place masked as on a profile. */
export function toHouseholdView(
  row: HouseholdRow,
  members: MemberRow[],
  actor: Actor | null,
  openIdNumber: (m: MemberRow) => string | null,
): HouseholdView {
  return {
    id: row.id,
    number: row.number,
    grid: { code: row.grid_code, name: row.grid_name },
    room:
      row.room_id && row.room_number && row.building_id
        ? {
            id: row.room_id,
            buildingId: row.building_id,
            place: maskAddress(`${row.address ?? ''}${row.unit_name ?? ''}${row.room_number}`),
          }
        : null,
    headPersonId: row.head_person_id,
    members: members.map((m) => {
      const erased = m.erased_at !== null
      const idNumber = erased ? null : openIdNumber(m)
      return {
        personId: m.person_id,
        name: erased ? ERASED_NAME : maskName(m.name),
        idNumber: idNumber === null ? null : maskIdNumber(idNumber),
        relation: m.relation,
        since: m.from_date,
      }
    }),
    version: row.version,
    abilities: recordAbilities(actor, row.grid_path, false),
  }
}
