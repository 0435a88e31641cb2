import type { DoorOutcomeRecord } from '../db'

/** A door of a campaign as GET /api/campaigns/tasks/mine gives it (kept for offline use). */
export interface Door {
  id: string
  campaignId: string
  campaignTitle: string
  targetId: string
  grid: { code: string; name: string }
  label: string
  state: 'open' | DoorOutcomeRecord['outcome']
  revisitOn: string | null
  attempts: number
  /** When the server last took an outcome of this door (null: never). */
  lastOutcomeAt: string | null
}

/** A question of a campaign's door form. */
export interface FormField {
  key: string
  label: string
  type: 'text' | 'number' | 'choice' | 'photo' | 'yesno'
  required: boolean
  options?: string[]
}

/** A campaign as GET /api/campaigns gives it: what the door screen needs. */
export interface Campaign {
  id: string
  title: string
  kind: 'gas_safety' | 'epidemic' | 'verification' | 'power_saving' | 'other'
  target: 'household' | 'building' | 'person'
  form: FormField[]
  endsOn: string
}

export const OUTCOMES: DoorOutcomeRecord['outcome'][] = [
  'done',
  'revisit',
  'refused',
  'moved',
  'wrong_address',
]
