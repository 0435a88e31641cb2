import type { CheckpointRow, PatrolDetailRow, PatrolRow, PositionRow, RuleRow } from './patrols.repo'
import { DEFAULT_RULES, type PatrolRules } from './patrols.rules'
import type { PatrolDetail, PatrolView } from './patrols.schema'

const iso = (v: Date | string) => new Date(v).toISOString()
const isoOrNull = (v: Date | string | null) => (v === null ? null : iso(v))
/** jsonb as a driver answers it: parsed already, or text. */
export const json = <T>(v: T | string | null, fallback: T): T =>
  v === null ? fallback : typeof v === 'string' ? (JSON.parse(v) as T) : v
const num = (v: number | string | null) => (v === null ? null : Number(v))

export function toPatrolView(r: PatrolRow): PatrolView {
  return {
    id: r.id,
    userId: r.user_id,
    userName: r.user_name,
    gridId: r.grid_id,
    gridPath: r.grid_path,
    gridName: r.grid_name,
    source: r.source as PatrolView['source'],
    state: r.state as PatrolView['state'],
    startedAt: iso(r.started_at),
    endedAt: isoOrNull(r.ended_at),
    pointCount: num(r.point_count),
    distanceM: r.distance_m === null ? null : Math.round(Number(r.distance_m) * 10) / 10,
    durationS: num(r.duration_s),
    inGridS: num(r.in_grid_s),
    gapS: num(r.gap_s),
    coverage: r.coverage === null ? null : Math.round(Number(r.coverage) * 10_000) / 10_000,
    buildingsPassed: num(r.buildings_passed),
    buildingsTotal: num(r.buildings_total),
    checkpointsReached: json<string[]>(r.checkpoints_reached, []),
    flags: json<Record<string, number>>(r.flags, {}),
    version: r.version,
  }
}

export function toPatrolDetail(
  r: PatrolDetailRow,
  live: { track: string | null; gaps: { from: string | Date; to: string | Date }[] } | null,
  cases: PatrolDetail['cases'],
): PatrolDetail {
  const track = live ? live.track : r.track
  const gaps = live ? live.gaps : json<{ from: string; to: string }[]>(r.gaps, [])
  return {
    ...toPatrolView(r),
    track: track ? (JSON.parse(track) as PatrolDetail['track']) : null,
    gaps: gaps.map((g) => ({ from: iso(g.from), to: iso(g.to) })),
    cases,
  }
}

export function toPosition(r: PositionRow) {
  return {
    userId: r.user_id,
    userName: r.user_name,
    patrolId: r.patrol_id,
    gridPath: r.grid_path,
    gridName: r.grid_name,
    recordedAt: iso(r.recorded_at),
    lon: Number(r.lon),
    lat: Number(r.lat),
    accuracyM: r.accuracy_m === null ? null : Number(r.accuracy_m),
  }
}

export function toRules(level: string, r: RuleRow | undefined): PatrolRules {
  if (!r) return { level, ...DEFAULT_RULES, checklist: [...DEFAULT_RULES.checklist] }
  return {
    level,
    minPatrolsPerDay: r.min_patrols_per_day,
    minInGridShare: Math.round(Number(r.min_in_grid_share) * 10_000) / 10_000,
    coverageRadiusM: r.coverage_radius_m,
    checklist: json(r.checklist, []),
    version: r.version,
  }
}

export function toCheckpoint(r: CheckpointRow) {
  return {
    id: r.id,
    gridPath: r.grid_path,
    name: r.name,
    location: { lng: Number(r.lon), lat: Number(r.lat) },
    radiusM: r.radius_m,
  }
}
