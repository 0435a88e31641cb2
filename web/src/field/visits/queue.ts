import { db, type VisitRecord } from '../db'
import { uuidv7 } from '../ids'
import { entry, hashPhotos, keepPhotos, queued, type TakenPhoto } from '../outbox'
import { owner } from '../owner'

export interface NewVisit {
  kind: VisitRecord['kind']
  targetId: string
  label: string
  outcome: VisitRecord['outcome']
  notes?: string
  place?: { lng: number; lat: number }
  photos: TakenPhoto[]
}

/**
 * Records a visit: the visit, its photos and their outbox entries in one local transaction. The
 * visit's client id goes in its body, so a replay after a lost answer is the same visit on the server;
 * its photos are uploaded first (same entity, earlier entries).
 */
export async function queueVisit(visit: NewVisit): Promise<string> {
  const id = uuidv7()
  const visitedAt = new Date().toISOString()
  const hashed = await hashPhotos(visit.kind === 'household' ? visit.photos : [])
  const entity = `${visit.kind === 'household' ? 'household' : 'membership'}:${visit.targetId}`
  await db.transaction('rw', db.visits, db.photos, db.outbox, async () => {
    const photos = await keepPhotos(entity, id, hashed)
    const record: VisitRecord = {
      id,
      kind: visit.kind,
      targetId: visit.targetId,
      label: visit.label,
      outcome: visit.outcome,
      notes: visit.notes,
      place: visit.place,
      photos,
      visitedAt,
      userId: owner(),
    }
    await db.visits.add(record)
    const body = {
      id,
      visitedAt,
      outcome: visit.outcome,
      ...(visit.notes ? { notes: visit.notes } : {}),
      ...(visit.place ? { place: visit.place } : {}),
      ...(visit.kind === 'household' ? { photos } : {}),
    }
    await db.outbox.add(
      entry(visit.kind === 'household' ? 'visit.household' : 'visit.group', entity, id, body),
    )
  })
  queued()
  return id
}
