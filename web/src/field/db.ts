import Dexie, { type EntityTable, type Table } from 'dexie'

/** What an outbox entry does on the server. */
export type OutboxKind =
  | 'case.report'
  | 'case.photo'
  | 'case.self_handle'
  | 'patrol.start'
  | 'patrol.points'
  | 'patrol.end'
  | 'proposal'
  | 'photo.put'
  | 'visit.household'
  | 'visit.group'
  | 'door.outcome'

/**
 * pending 待发送 (waiting for its turn or the network), syncing 发送中, attention 需处理 (the server refused
 * it: kept, with the server's reason, until the worker retries or the cause is fixed). A sent entry is
 * removed: its record then shows synced 已同步.
 */
export type OutboxState = 'pending' | 'syncing' | 'attention'

export interface OutboxEntry {
  /** Order of creation: the drain loop sends in this order, per entity. */
  seq?: number
  /** Client UUIDv7; the Idempotency-Key of the request. */
  id: string
  kind: OutboxKind
  /** The entity the entry belongs to (`case:<id>`, `patrol:<id>`, `household:<id>`): one at a time, in order. */
  entity: string
  /** The local record shown with this entry's state (a report, a patrol). */
  recordId: string
  /** Another entry (by id) that must reach the server first, e.g. a patrol's start before a report linked to it. */
  after?: string
  body: Record<string, unknown>
  state: OutboxState
  attempts: number
  createdAt: string
  lastTriedAt?: string
  /** The server's answer when it refused the entry. */
  problem?: { status: number; code: string; title: string }
  /** The worker who queued it: sent only while they are signed in (see owner.ts). */
  userId?: string
}

export interface PatrolRecord {
  id: string
  /** The worker who made it on this phone. */
  userId?: string
  state: 'running' | 'ended'
  startedAt: string
  endedAt?: string
  /** The next point's sequence number in this patrol. */
  nextSeq: number
  /** The last point kept (the sampler's reference). */
  last?: { t: string; lon: number; lat: number }
  /** Stretches with no point: the page was hidden or no fix came for too long. Shown, never filled in. */
  gaps: { from: string; to: string }[]
  /** The server's figures once known (PatrolView). */
  server?: Record<string, unknown>
}

export interface TrackPoint {
  patrolId: string
  seq: number
  t: string
  lon: number
  lat: number
  acc?: number
}

export interface ReportRecord {
  id: string
  /** The worker who made it on this phone. */
  userId?: string
  categoryCode: string
  categoryName: string
  description: string
  location: { lng: number; lat: number }
  accuracy?: number
  patrolId?: string
  createdAt: string
  /** 自行处置: what the worker did on the spot; the case is closed as self-handled once it is sent. */
  handled?: string
  /** The server's case once it answered. */
  caseId?: string
  caseNo?: string
}

export interface PhotoRecord {
  /** The SHA-256 of the bytes: the photo is found on the server again by it. */
  sha256: string
  /** The record the photo belongs to: a report, a visit or a door outcome (by its client id). */
  reportId: string
  blob: Blob
  location?: { lng: number; lat: number }
  createdAt: string
}

/** A visit 走访 recorded on the phone: to a household (入户走访) or a special group's member (重点人员走访). */
export interface VisitRecord {
  id: string
  /** The worker who made it on this phone. */
  userId?: string
  kind: 'household' | 'group'
  /** The household's id, or the group membership's. */
  targetId: string
  /** What the list shows (the household's place, the member's masked name). */
  label: string
  outcome: 'met' | 'not_home' | 'by_phone' | 'refused'
  notes?: string
  place?: { lng: number; lat: number }
  photos: string[]
  visitedAt: string
  /** Once sent: metres from the household's building and whether that proves the visit there. */
  distanceM?: number | null
  atBuilding?: boolean | null
}

/** A door's outcome 入户结果 in a campaign 专项行动, recorded on the phone. */
export interface DoorOutcomeRecord {
  id: string
  /** The worker who made it on this phone. */
  userId?: string
  taskId: string
  campaignId: string
  label: string
  outcome: 'done' | 'revisit' | 'refused' | 'moved' | 'wrong_address'
  answers: Record<string, string | number | boolean>
  note?: string
  revisitOn?: string
  recordedAt: string
}

/**
 * A correction 更正 of a household or a person sent as a proposal (采集 → 审核): queued, then applied,
 * held for review, or in conflict with a change made on the server since (kept with what the server has).
 */
export interface ProposalRecord {
  id: string
  /** The worker who made it on this phone. */
  userId?: string
  kind: 'household' | 'person'
  targetId: string
  label: string
  baseVersion: number
  changes: Record<string, unknown>
  createdAt: string
  state: 'queued' | 'applied' | 'pending' | 'conflict'
  /** In conflict: the record as it is now (masked) and the fields each side changed. */
  current?: { version: number; values: Record<string, unknown> }
  fields?: { worker: string[]; server: string[]; hard: string[] }
}

/** A masked copy of a ledger record from the sync feed. */
export interface LedgerCopy {
  id: string
  gridPath: string
  version: number
  view: Record<string, unknown>
}

export interface MetaRow {
  key: string
  value: unknown
}

/** GET answers kept for offline reading (compliance, my cases, categories, due visits). */
export interface CachedRow {
  key: string
  at: string
  value: unknown
}

export type FieldDb = Dexie & {
  outbox: EntityTable<OutboxEntry, 'seq'>
  patrols: EntityTable<PatrolRecord, 'id'>
  points: Table<TrackPoint, [string, number]>
  reports: EntityTable<ReportRecord, 'id'>
  photos: Table<PhotoRecord, [string, string]>
  households: EntityTable<LedgerCopy, 'id'>
  buildings: EntityTable<LedgerCopy, 'id'>
  people: EntityTable<LedgerCopy, 'id'>
  meta: EntityTable<MetaRow, 'key'>
  cache: EntityTable<CachedRow, 'key'>
  visits: EntityTable<VisitRecord, 'id'>
  outcomes: EntityTable<DoorOutcomeRecord, 'id'>
  proposals: EntityTable<ProposalRecord, 'id'>
}

/** The phone's store (IndexedDB `wangge-field`). */
export const db = new Dexie('wangge-field') as FieldDb

db.version(1).stores({
  outbox: '++seq, &id, entity, recordId, state',
  patrols: 'id, state, startedAt',
  points: '[patrolId+seq], patrolId',
  reports: 'id, createdAt, patrolId',
  photos: '[reportId+sha256], reportId',
  households: 'id, gridPath',
  buildings: 'id, gridPath',
  people: 'id, gridPath',
  meta: 'key',
  cache: 'key',
})
db.version(2).stores({
  visits: 'id, targetId, visitedAt',
  outcomes: 'id, taskId, recordedAt',
  proposals: 'id, targetId, state, createdAt',
})

export async function getMeta<T>(key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined
}

export async function setMeta(key: string, value: unknown) {
  await db.meta.put({ key, value })
}

export async function cached<T>(key: string): Promise<{ at: string; value: T } | undefined> {
  const row = await db.cache.get(key)
  return row ? { at: row.at, value: row.value as T } : undefined
}

export async function keep(key: string, value: unknown) {
  await db.cache.put({ key, at: new Date().toISOString(), value })
}
