import type { LedgerCopy } from '../db'

/** The masked household view the sync feed carries (the ledgers' HouseholdView). */
export interface HouseholdView {
  number?: string | null
  grid?: { name: string }
  room?: { place: string; buildingId?: string } | null
  headPersonId?: string | null
  members?: { personId: string; name: string }[]
}

/** A household as lists name it: its masked place, else its number, else its grid. */
export function householdTitle(row: LedgerCopy): string {
  const v = row.view as HouseholdView
  return v.room?.place ?? v.number ?? v.grid?.name ?? row.id
}
