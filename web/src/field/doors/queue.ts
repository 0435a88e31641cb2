import { type DoorOutcomeRecord, db } from '../db'
import { uuidv7 } from '../ids'
import { entry, hashPhotos, keepPhotos, queued, type TakenPhoto } from '../outbox'
import { owner } from '../owner'

export interface NewOutcome {
  taskId: string
  campaignId: string
  label: string
  outcome: DoorOutcomeRecord['outcome']
  answers: Record<string, string | number | boolean>
  /** Photo questions' answers: the photo taken for each key (sent as its SHA-256). */
  photoAnswers: Record<string, TakenPhoto>
  note?: string
  revisitOn?: string
  point?: { lng: number; lat: number }
}

/**
 * Records a door's outcome: the outcome, its photos and their outbox entries in one local transaction.
 * The outcome's client id is its id on the server: sent again, it is answered, not stored twice.
 */
export async function queueOutcome(outcome: NewOutcome): Promise<string> {
  const id = uuidv7()
  const recordedAt = new Date().toISOString()
  const keys = Object.keys(outcome.photoAnswers)
  const hashed = await hashPhotos(keys.map((k) => outcome.photoAnswers[k] as TakenPhoto))
  const answers = { ...outcome.answers }
  keys.forEach((key, i) => {
    answers[key] = hashed[i]?.sha256 ?? ''
  })
  const entity = `task:${outcome.taskId}`
  await db.transaction('rw', db.outcomes, db.photos, db.outbox, async () => {
    await keepPhotos(entity, id, hashed)
    await db.outcomes.add({
      id,
      taskId: outcome.taskId,
      campaignId: outcome.campaignId,
      label: outcome.label,
      outcome: outcome.outcome,
      answers,
      note: outcome.note,
      revisitOn: outcome.revisitOn,
      recordedAt,
      userId: owner(),
    })
    await db.outbox.add(
      entry('door.outcome', entity, id, {
        id,
        outcome: outcome.outcome,
        answers,
        recordedAt,
        ...(outcome.note ? { note: outcome.note } : {}),
        ...(outcome.revisitOn ? { revisitOn: outcome.revisitOn } : {}),
        ...(outcome.point ? { point: outcome.point } : {}),
      }),
    )
  })
  queued()
  return id
}
