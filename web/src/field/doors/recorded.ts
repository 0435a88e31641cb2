import { type DoorOutcomeRecord, db } from '../db'
import { mine } from '../owner'
import { type RecordState, stateOf } from '../SyncTag'
import type { Door } from './doors.types'

export interface Recorded {
  outcome: DoorOutcomeRecord['outcome']
  sync: RecordState
}

/**
 * What this phone recorded at each door that still stands: an outcome still unsent, or one newer than
 * the last the server had when the door list came. A revisit's door that comes back on its day is
 * open again (the server has that outcome already).
 */
export async function recordedAt(doors: Door[]): Promise<Map<string, Recorded>> {
  const byId = new Map(doors.map((d) => [d.id, d]))
  const outcomes = await db.outcomes
    .where('taskId')
    .anyOf([...byId.keys()])
    .sortBy('recordedAt')
  const recorded = new Map<string, Recorded>()
  for (const o of outcomes.filter(mine)) {
    const sync = stateOf(await db.outbox.where('recordId').equals(o.id).toArray())
    const last = byId.get(o.taskId)?.lastOutcomeAt
    if (sync === 'synced' && last && Date.parse(o.recordedAt) <= Date.parse(last)) continue
    recorded.set(o.taskId, { outcome: o.outcome, sync })
  }
  return recorded
}
