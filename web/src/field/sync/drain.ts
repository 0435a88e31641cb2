import { db, type OutboxEntry } from '../db'
import { ApiError, call } from '../http'
import { mine } from '../owner'

/** How an entry went: sent (removed from the outbox), held (needs attention), or stop the loop. */
type Outcome = 'sent' | 'held' | 'stop'

/** Answers that mean "later", not "no": the network, a timeout, too many requests, the server's own trouble. */
function isTransient(error: ApiError) {
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500
}

let running: Promise<void> | null = null
let signedOut = false

/** After a 401 the loop waits for the worker to sign in again (nothing is dropped meanwhile). */
export function setSignedOut(value: boolean) {
  signedOut = value
}

/**
 * Sends the signed-in worker's outbox in order (another worker's entries wait for them). Entries of one
 * entity go one after the other; an entity whose entry is held (needs attention) waits, while other
 * entities go on. A network failure stops the whole loop until the next trigger. Only one drain runs
 * at a time.
 */
export function drain(): Promise<void> {
  if (!running)
    running = drainOnce().finally(() => {
      running = null
    })
  return running
}

async function drainOnce() {
  if (signedOut) return
  // Entries left "syncing" by a closed page go again: every request is idempotent.
  await db.outbox.where('state').equals('syncing').modify({ state: 'pending' })
  const blocked = new Set<string>()
  const entries = await db.outbox.orderBy('seq').toArray()
  for (const listed of entries) {
    if (!mine(listed)) continue
    if (blocked.has(listed.entity)) continue
    if (listed.state === 'attention') {
      blocked.add(listed.entity)
      continue
    }
    if (listed.after && (await db.outbox.where('id').equals(listed.after).count()) > 0) {
      blocked.add(listed.entity)
      continue
    }
    // Read again and claim it in one transaction: points may have joined it since the list was read.
    const claimed = await db.transaction('rw', db.outbox, async () => {
      const current = listed.seq === undefined ? undefined : await db.outbox.get(listed.seq)
      if (current?.state !== 'pending') return undefined
      const tried = {
        state: 'syncing' as const,
        attempts: current.attempts + 1,
        lastTriedAt: new Date().toISOString(),
      }
      await db.outbox.update(current.seq as number, tried)
      return { ...current, ...tried }
    })
    if (!claimed) continue
    const outcome = await sendOne(claimed)
    if (outcome === 'stop') return
    if (outcome === 'held') blocked.add(claimed.entity)
  }
}

async function sendOne(entry: OutboxEntry): Promise<Outcome> {
  const seq = entry.seq as number
  try {
    await send(entry)
    return 'sent'
  } catch (error) {
    // Anything but an answer from the server is this app's own fault: held and shown, never retried blindly.
    const problem =
      error instanceof ApiError
        ? error
        : new ApiError(-1, 'field.client_error', error instanceof Error ? error.message : String(error))
    if (problem.status >= 0 && (isTransient(problem) || problem.status === 401)) {
      await db.outbox.update(seq, { state: 'pending' })
      if (problem.status === 401) signedOut = true
      return 'stop'
    }
    await db.outbox.update(seq, {
      state: 'attention',
      problem: { status: problem.status, code: problem.code, title: problem.title },
    })
    return 'held'
  }
}

/** Sends one entry and, in one transaction, removes it and keeps what the answer tells. */
async function send(entry: OutboxEntry) {
  const seq = entry.seq as number
  switch (entry.kind) {
    case 'case.report': {
      const { data } = await call<{ id: string; no: string }>('POST', '/api/cases', {
        json: entry.body,
        headers: { 'idempotency-key': entry.id },
      })
      await db.transaction('rw', db.outbox, db.reports, async () => {
        await db.reports.update(entry.recordId, { caseId: data.id, caseNo: data.no })
        await db.outbox.delete(seq)
      })
      return
    }
    case 'case.photo': {
      const report = await db.reports.get(entry.recordId)
      const sha256 = String(entry.body.sha256)
      const photo = await db.photos.get([entry.recordId, sha256])
      if (!report?.caseId) throw new ApiError(0, 'field.case_not_sent', 'The case is not sent yet')
      if (!photo) throw new ApiError(410, 'field.photo_missing', 'The photo is no longer on this phone')
      // Uploaded before, its answer lost: the case already holds these bytes.
      const { data: attached } = await call<{ items: { sha256: string }[] }>(
        'GET',
        `/api/cases/${report.caseId}/attachments`,
      )
      if (!attached.items.some((a) => a.sha256 === sha256)) {
        const where = photo.location
        await call('POST', `/api/cases/${report.caseId}/attachments`, {
          blob: photo.blob,
          headers: where ? { 'x-photo-location': `${where.lng.toFixed(7)},${where.lat.toFixed(7)}` } : {},
        })
      }
      await db.outbox.delete(seq)
      return
    }
    case 'case.self_handle': {
      const report = await db.reports.get(entry.recordId)
      if (!report?.caseId) throw new ApiError(0, 'field.case_not_sent', 'The case is not sent yet')
      // Sent before and its answer lost: the case is closed already. Otherwise at the version read now;
      // a case the desk took meanwhile answers 409 and is held with that reason.
      const { data: now } = await call<{ state: string; version: number }>(
        'GET',
        `/api/cases/${report.caseId}`,
      )
      if (now.state !== 'closed')
        await call('POST', `/api/cases/${report.caseId}/actions/self_handle`, {
          json: { version: now.version, publicText: entry.body.publicText },
        })
      await db.outbox.delete(seq)
      return
    }
    case 'patrol.start':
    case 'patrol.end': {
      const path = entry.kind === 'patrol.start' ? '/api/patrols' : `/api/patrols/${entry.recordId}/end`
      const { data } = await call<Record<string, unknown>>('POST', path, { json: entry.body })
      await db.transaction('rw', db.outbox, db.patrols, async () => {
        await db.patrols.update(entry.recordId, { server: data })
        await db.outbox.delete(seq)
      })
      return
    }
    case 'patrol.points': {
      await call('POST', `/api/patrols/${entry.recordId}/points`, { json: entry.body })
      await db.outbox.delete(seq)
      return
    }
    case 'proposal': {
      const { data } = await call<{
        state: 'applied' | 'pending' | 'conflict'
        version?: number
        current?: { version: number; values: Record<string, unknown> }
        fields?: { worker: string[]; server: string[]; hard: string[] }
      }>('POST', '/api/ledgers/proposals', { json: entry.body, headers: { 'idempotency-key': entry.id } })
      // A conflict is an answer, not a failure: the community's review queue has it, the worker sees it.
      const copies = entry.body.kind === 'person' ? db.people : db.households
      await db.transaction('rw', [db.outbox, db.proposals, copies], async () => {
        // Applied: the phone's copy is at the new version now, so a correction typed next starts from it.
        if (data.version !== undefined)
          await copies.update(String(entry.body.targetId), { version: data.version })
        await db.proposals.update(entry.recordId, {
          state: data.state,
          ...(data.current ? { current: data.current } : {}),
          ...(data.fields ? { fields: data.fields } : {}),
        })
        await db.outbox.delete(seq)
        if (data.version !== undefined) await chainVersions(entry.entity, seq, data.version)
      })
      return
    }
    case 'photo.put': {
      const sha256 = String(entry.body.sha256)
      const photo = await db.photos.get([entry.recordId, sha256])
      if (!photo) throw new ApiError(410, 'field.photo_missing', 'The photo is no longer on this phone')
      const where = photo.location
      await call('PUT', `/api/photos/${sha256}`, {
        blob: photo.blob,
        headers: where ? { 'x-photo-location': `${where.lng.toFixed(7)},${where.lat.toFixed(7)}` } : {},
      })
      await db.outbox.delete(seq)
      return
    }
    case 'visit.household':
    case 'visit.group': {
      const visit = await db.visits.get(entry.recordId)
      const path =
        entry.kind === 'visit.household'
          ? `/api/households/${visit?.targetId}/visits`
          : `/api/groups/${visit?.targetId}/visits`
      if (!visit) throw new ApiError(410, 'field.record_missing', 'The visit is no longer on this phone')
      const { data } = await call<{ distanceM?: number | null; atBuilding?: boolean | null }>('POST', path, {
        json: entry.body,
      })
      await db.transaction('rw', db.outbox, db.visits, async () => {
        if (entry.kind === 'visit.household')
          await db.visits.update(visit.id, { distanceM: data.distanceM, atBuilding: data.atBuilding })
        await db.outbox.delete(seq)
      })
      return
    }
    case 'door.outcome': {
      const outcome = await db.outcomes.get(entry.recordId)
      if (!outcome) throw new ApiError(410, 'field.record_missing', 'The outcome is no longer on this phone')
      await call('POST', `/api/campaigns/tasks/${outcome.taskId}/outcomes`, { json: entry.body })
      await db.outbox.delete(seq)
      return
    }
  }
}

/**
 * After an edit to a record succeeded at `version`, the next queued edit of the same record starts
 * from that version (not the one it was typed on): a device never conflicts with itself.
 */
async function chainVersions(entity: string, afterSeq: number, version: number) {
  const next = (await db.outbox.where('entity').equals(entity).sortBy('seq')).find(
    (e) => (e.seq ?? 0) > afterSeq && e.kind === 'proposal',
  )
  if (next?.seq !== undefined)
    await db.outbox.update(next.seq, { body: { ...next.body, baseVersion: version } })
}
