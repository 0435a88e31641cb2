import { maskAddress, maskIdNumber, maskName } from '../privacy/masks'
import type { SubjectRow } from './links.repo'
import type { CaseSubject } from './links.schema'

/** A room's full address: its building's, the unit and the number (then masked as a whole). */
const roomAddress = (r: SubjectRow) => `${r.building_address ?? ''}${r.unit_name ?? ''}${r.room_number ?? ''}`

/** Row → masked view, an allow-list; `idNumber` is the opened value, masked here. */
export function toCaseSubject(r: SubjectRow, idNumber: string | null, mayUnlink: boolean): CaseSubject {
  const label =
    r.type === 'person'
      ? maskName(r.person_name ?? '')
      : r.type === 'room'
        ? maskAddress(roomAddress(r))
        : (r.organization_name ?? '')
  return {
    type: r.type,
    id: r.id,
    label,
    idNumber: idNumber === null ? null : maskIdNumber(idNumber),
    buildingId: r.type === 'room' ? r.building_id : null,
    mayUnlink,
  }
}
