import type { TrackerRow } from './trackers.repo'
import type { TrackerView } from './trackers.schema'

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString())

/** A tracker as the API shows it (an allow-list of its columns). */
export function toTrackerView(row: TrackerRow): TrackerView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    userId: row.user_id,
    userName: row.user_name,
    boundAt: iso(row.bound_at),
    retiredAt: iso(row.retired_at),
    lastPointAt: iso(row.last_point_at),
    runningPatrolId: row.running_patrol_id,
    version: Number(row.version),
  }
}
