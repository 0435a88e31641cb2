import { db, type ProposalRecord } from '../db'
import { uuidv7 } from '../ids'
import { entry, queued } from '../outbox'
import { owner } from '../owner'

export interface NewCorrection {
  kind: ProposalRecord['kind']
  targetId: string
  label: string
  /** The version of the local copy the worker corrected. */
  baseVersion: number
  changes: Record<string, unknown>
  /** An information-verification campaign's door: the correction goes to review. */
  source?: { campaignId: string; taskId: string }
}

/**
 * A correction to a household or person of the local copy: sent as a proposal from the version the
 * worker saw. Several queued edits to one record chain: each is rewritten to the version the previous
 * one produced before it is sent, so the device never conflicts with itself.
 */
export async function queueCorrection(correction: NewCorrection): Promise<string> {
  const id = uuidv7()
  const { kind, targetId, baseVersion, changes, source } = correction
  await db.transaction('rw', db.proposals, db.outbox, async () => {
    await db.proposals.add({
      id,
      kind,
      targetId,
      label: correction.label,
      baseVersion,
      changes,
      createdAt: new Date().toISOString(),
      state: 'queued',
      userId: owner(),
    })
    await db.outbox.add({
      // Its own entity, not the household's: a refused correction never holds up a visit to the same door.
      ...entry('proposal', `proposal:${kind}:${targetId}`, id, {
        id,
        kind,
        targetId,
        baseVersion,
        changes,
        ...(source ? { source } : {}),
      }),
      id,
    })
  })
  queued()
  return id
}

/** The worker puts a conflict aside: the community's review queue still has it. */
export async function dismissConflict(id: string) {
  await db.proposals.delete(id)
}
