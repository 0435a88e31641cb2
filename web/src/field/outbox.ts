import {
  db,
  type OutboxEntry,
  type OutboxKind,
  type PhotoRecord,
  type ReportRecord,
  type TrackPoint,
} from './db'
import { sha256Hex, uuidv7 } from './ids'
import { owner } from './owner'

/** A points entry carries at most this many (the server's limit per call). */
export const POINTS_PER_ENTRY = 500

/** A new outbox entry (its own UUIDv7 as id unless the caller gives the record's), the signed-in worker's. */
export function entry(
  kind: OutboxKind,
  entity: string,
  recordId: string,
  body: Record<string, unknown>,
  extra: Partial<OutboxEntry> = {},
): OutboxEntry {
  return {
    id: uuidv7(),
    kind,
    entity,
    recordId,
    body,
    state: 'pending',
    attempts: 0,
    createdAt: new Date().toISOString(),
    userId: owner(),
    ...extra,
  }
}

let wake = () => {}
/** The sync loop asks to be woken when something is queued. */
export function onQueued(handler: () => void) {
  wake = handler
}

/** Wakes the sync loop after a record was queued. */
export function queued() {
  wake()
}

/** A photo taken for a record: shrunk on the phone, with where it was taken. */
export interface TakenPhoto {
  blob: Blob
  location?: { lng: number; lat: number } | null
}

/**
 * Keeps a record's photos and queues their uploads (PUT /api/photos/{sha256}) ahead of the record in
 * its entity's order; to be called inside the caller's transaction (with db.photos and db.outbox).
 * Answers the photos' hashes, each once.
 */
export async function keepPhotos(
  entity: string,
  ownerId: string,
  hashed: (TakenPhoto & { sha256: string })[],
) {
  const unique = hashed.filter((p, i) => hashed.findIndex((q) => q.sha256 === p.sha256) === i)
  const createdAt = new Date().toISOString()
  for (const photo of unique) {
    const row: PhotoRecord = {
      sha256: photo.sha256,
      reportId: ownerId,
      blob: photo.blob,
      location: photo.location ?? undefined,
      createdAt,
    }
    await db.photos.put(row)
    await db.outbox.add(entry('photo.put', entity, ownerId, { sha256: photo.sha256 }))
  }
  return unique.map((p) => p.sha256)
}

/** Hashes photos before a transaction opens (IndexedDB transactions cannot wait for crypto). */
export function hashPhotos(photos: TakenPhoto[]) {
  return Promise.all(photos.map(async (p) => ({ ...p, sha256: await sha256Hex(p.blob) })))
}

/** The outbox entry of a patrol's start while it is still unsent: a report linked to the patrol waits for it. */
async function unsentStart(patrolId: string) {
  return db.outbox.where('id').equals(patrolId).first()
}

export interface NewReport {
  categoryCode: string
  categoryName: string
  description: string
  location: { lng: number; lat: number }
  accuracy?: number
  patrolId?: string
  photos: { blob: Blob; location?: { lng: number; lat: number } | null }[]
  /** 自行处置: what was done on the spot (the case closes as self-handled after its photos). */
  handled?: string
}

/**
 * Reports an event: the report, its photos and their outbox entries in one local transaction. The
 * report's client id is the Idempotency-Key of POST /api/cases; each photo is uploaded after its case,
 * found again on the server by its SHA-256 if an earlier answer was lost.
 */
export async function queueReport(report: NewReport): Promise<string> {
  const id = uuidv7()
  const now = new Date().toISOString()
  const hashed = await Promise.all(
    report.photos.map(async (p) => ({ ...p, sha256: await sha256Hex(p.blob) })),
  )
  const unique = hashed.filter((p, i) => hashed.findIndex((q) => q.sha256 === p.sha256) === i)
  await db.transaction('rw', db.reports, db.photos, db.outbox, async () => {
    const record: ReportRecord = {
      id,
      categoryCode: report.categoryCode,
      categoryName: report.categoryName,
      description: report.description,
      location: report.location,
      accuracy: report.accuracy,
      patrolId: report.patrolId,
      createdAt: now,
      handled: report.handled,
      userId: owner(),
    }
    await db.reports.add(record)
    const start = report.patrolId ? await unsentStart(report.patrolId) : undefined
    const entity = `case:${id}`
    await db.outbox.add({
      ...entry(
        'case.report',
        entity,
        id,
        {
          categoryCode: report.categoryCode,
          description: report.description,
          location: report.location,
          source: 'worker',
          ...(report.patrolId ? { patrolId: report.patrolId } : {}),
        },
        start ? { after: start.id } : {},
      ),
      id,
    })
    for (const photo of unique) {
      const row: PhotoRecord = {
        sha256: photo.sha256,
        reportId: id,
        blob: photo.blob,
        location: photo.location ?? undefined,
        createdAt: now,
      }
      await db.photos.add(row)
      await db.outbox.add(entry('case.photo', entity, id, { sha256: photo.sha256 }))
    }
    if (report.handled)
      await db.outbox.add(entry('case.self_handle', entity, id, { publicText: report.handled }))
  })
  wake()
  return id
}

/** Starts a patrol: the record and its start entry (whose id is the patrol's own) in one transaction. */
export async function queuePatrolStart(): Promise<string> {
  const id = uuidv7()
  const startedAt = new Date().toISOString()
  await db.transaction('rw', db.patrols, db.outbox, async () => {
    await db.patrols.add({ id, state: 'running', startedAt, nextSeq: 0, gaps: [], userId: owner() })
    await db.outbox.add({ ...entry('patrol.start', `patrol:${id}`, id, { id, startedAt }), id })
  })
  wake()
  return id
}

/**
 * Keeps one track point: the point, the patrol's sampler state and the point's place in an outbox
 * entry in one transaction. Points join the patrol's last entry still waiting (up to 500), else a new
 * one; an entry being sent is never changed.
 */
export async function queuePoint(patrolId: string, fix: Omit<TrackPoint, 'patrolId' | 'seq'>) {
  await db.transaction('rw', db.patrols, db.points, db.outbox, async () => {
    const patrol = await db.patrols.get(patrolId)
    if (patrol?.state !== 'running') return
    const point: TrackPoint = { patrolId, seq: patrol.nextSeq, ...fix }
    await db.points.add(point)
    await db.patrols.update(patrolId, {
      nextSeq: patrol.nextSeq + 1,
      last: { t: fix.t, lon: fix.lon, lat: fix.lat },
    })
    const wire = {
      seq: point.seq,
      t: point.t,
      lon: point.lon,
      lat: point.lat,
      ...(point.acc === undefined ? {} : { acc: point.acc }),
    }
    const entity = `patrol:${patrolId}`
    const open = (await db.outbox.where('entity').equals(entity).sortBy('seq'))
      .filter((e) => e.kind === 'patrol.points' && e.state === 'pending')
      .at(-1)
    const points = (open?.body.points as unknown[] | undefined) ?? []
    if (open?.seq !== undefined && points.length < POINTS_PER_ENTRY)
      await db.outbox.update(open.seq, { body: { points: [...points, wire] } })
    else
      await db.outbox.add(
        entry('patrol.points', entity, patrolId, { points: [wire] }, { userId: patrol.userId }),
      )
  })
}

/** Records a stretch with no points (shown as a gap; the server finds it from the times too). */
export async function recordGap(patrolId: string, from: string, to: string) {
  await db.transaction('rw', db.patrols, async () => {
    const patrol = await db.patrols.get(patrolId)
    if (patrol) await db.patrols.update(patrolId, { gaps: [...patrol.gaps, { from, to }] })
  })
}

/** Ends a patrol: the record and its end entry (after every point entry) in one transaction. */
export async function queuePatrolEnd(patrolId: string) {
  const endedAt = new Date().toISOString()
  await db.transaction('rw', db.patrols, db.outbox, async () => {
    const patrol = await db.patrols.get(patrolId)
    if (patrol?.state !== 'running') return
    await db.patrols.update(patrolId, { state: 'ended', endedAt })
    await db.outbox.add(
      entry('patrol.end', `patrol:${patrolId}`, patrolId, { endedAt }, { userId: patrol.userId }),
    )
  })
  wake()
}

/** The worker asks to send a held entry again (after fixing the cause, or to try once more). */
export async function retryEntry(seq: number) {
  await db.outbox.update(seq, { state: 'pending', problem: undefined })
  wake()
}
