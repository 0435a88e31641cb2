import { db, getMeta, setMeta } from './db'
import { ApiError, call } from './http'
import { queuePatrolEnd } from './outbox'
import { setOwner } from './owner'
import { flushed, stop as stopTracking } from './patrol/tracker'
import { setSignedOut } from './sync/drain'

export interface Me {
  id: string
  username: string
  displayName: string
  permissions?: string[]
}

/** A name for this phone, shown in the worker's list of devices (they can end its session from there). */
export function guessDeviceName(): string {
  const ua = navigator.userAgent
  const model = /Android[^;)]*;\s*([^;)]+?)(?:\s+Build|\))/.exec(ua)?.[1]
  if (model) return model.trim()
  if (/iPhone/.test(ua)) return 'iPhone'
  if (/iPad/.test(ua)) return 'iPad'
  if (/Android/.test(ua)) return 'Android'
  return 'Browser'
}

/**
 * Signs in as a device session (the server keeps it for days offline; the worker can end it from
 * another device). The outbox is never touched: a worker signed out on this phone signs in again and
 * what was queued goes out. The first sign-in asks the browser to keep this site's storage.
 */
export async function signIn(username: string, password: string, deviceName: string): Promise<Me> {
  const { data } = await call<Me>('POST', '/api/auth/login', {
    json: { username, password, device: { name: deviceName } },
  })
  // Kept apart from `me` (which signing out clears): whose copies the phone holds.
  const previous = await getMeta<string>('lastUserId')
  await db.meta.bulkPut([
    { key: 'me', value: data },
    { key: 'lastUserId', value: data.id },
    { key: 'deviceName', value: deviceName },
    { key: 'signedOut', value: false },
  ])
  // Another worker on this phone: the previous one's patrol ends and their local copies go; their unsent
  // items stay, held for them (see owner.ts).
  if (previous && previous !== data.id) {
    await endOthersPatrols(data.id)
    await dropLocalCopies()
  }
  setOwner(data.id)
  await rememberName(data)
  setSignedOut(false)
  if (!(await getMeta<boolean>('persisted'))) {
    const persisted = (await navigator.storage?.persist?.().catch(() => false)) ?? false
    await setMeta('persisted', persisted)
  }
  return data
}

/** The session ended on the server (401): the app says so, keeps everything and offers to sign in again. */
export async function markSignedOut() {
  setSignedOut(true)
  await setMeta('signedOut', true)
}

/** Checks the session when online; offline, the last known worker goes on working. */
export async function checkSession(): Promise<void> {
  try {
    const { data } = await call<Me>('GET', '/api/auth/me')
    await db.meta.bulkPut([
      { key: 'me', value: data },
      { key: 'signedOut', value: false },
    ])
    setSignedOut(false)
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) await markSignedOut()
  }
}

/** A patrol left running by another worker ends now, in their name (the new worker starts their own). */
async function endOthersPatrols(userId: string) {
  const running = await db.patrols.where('state').equals('running').toArray()
  const others = running.filter((p) => p.userId !== undefined && p.userId !== userId)
  if (others.length === 0) return
  stopTracking()
  await flushed()
  for (const patrol of others) await queuePatrolEnd(patrol.id)
}

/** Names of the workers who signed in on this phone: the outbox says whose held items are whose. */
async function rememberName(me: Me) {
  const names = (await getMeta<Record<string, string>>('workerNames')) ?? {}
  await setMeta('workerNames', { ...names, [me.id]: me.displayName })
}

/**
 * The copies of the worker's grids (households, buildings, people, cached answers), the sync position,
 * and the reports, ended patrols, visits, door outcomes, corrections and photos already sent (those
 * still queued stay to be sent).
 */
async function dropLocalCopies() {
  const tables = [
    db.households,
    db.buildings,
    db.people,
    db.cache,
    db.meta,
    db.visits,
    db.outcomes,
    db.proposals,
    db.reports,
    db.patrols,
    db.points,
    db.photos,
  ]
  await db.transaction('rw', [...tables, db.outbox], async () => {
    await Promise.all([db.households.clear(), db.buildings.clear(), db.people.clear(), db.cache.clear()])
    await db.meta.bulkDelete(['sync.cursor', 'sync.scopes', 'sync.at'])
    const queued = new Set((await db.outbox.toArray()).map((e) => e.recordId))
    for (const table of [db.visits, db.outcomes, db.proposals, db.reports])
      await table.filter((r) => !queued.has(r.id)).delete()
    const done = await db.patrols.filter((p) => p.state === 'ended' && !queued.has(p.id)).primaryKeys()
    await db.points.where('patrolId').anyOf(done).delete()
    await db.patrols.bulkDelete(done)
    await db.photos.filter((p) => !queued.has(p.reportId)).delete()
  })
}

/**
 * Signs out on purpose: only when nothing is left unsent (the button says why otherwise). The copies of
 * the worker's grids leave the phone with them.
 */
export async function signOut() {
  await call('POST', '/api/auth/logout').catch(() => {})
  await dropLocalCopies()
  await db.meta.bulkPut([
    { key: 'me', value: null },
    { key: 'signedOut', value: false },
  ])
  setOwner(undefined)
}
