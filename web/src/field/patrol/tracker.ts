import { db } from '../db'
import { queuePoint, recordGap } from '../outbox'
import { mine } from '../owner'
import { type Fix, GAP_MS, gapBefore, shouldKeep } from './sampler'

/** What the patrol screen shows of the tracker. */
export interface TrackerState {
  patrolId: string | null
  fix: Fix | null
  error: 'denied' | 'unavailable' | null
  awake: boolean
}

let state: TrackerState = { patrolId: null, fix: null, error: null, awake: false }
const listeners = new Set<(s: TrackerState) => void>()
let watchId: number | null = null
let wakeLock: WakeLockSentinel | null = null
let hiddenAt: number | null = null
let last: Fix | undefined
/** The running patrol's start (ms): a fix from before it (a cached position) is not part of it. */
let startedMs = 0
let writing: Promise<unknown> = Promise.resolve()

function set(patch: Partial<TrackerState>) {
  state = { ...state, ...patch }
  for (const listener of listeners) listener(state)
}

export function trackerState() {
  return state
}

export function subscribe(listener: (s: TrackerState) => void) {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

async function keepAwake() {
  if (!state.patrolId || document.visibilityState !== 'visible' || !('wakeLock' in navigator)) return
  try {
    wakeLock = await navigator.wakeLock.request('screen')
    set({ awake: true })
    wakeLock.addEventListener('release', () => set({ awake: false }))
  } catch {
    set({ awake: false })
  }
}

function onVisibility() {
  if (!state.patrolId) return
  if (document.visibilityState === 'hidden') {
    hiddenAt = Date.now()
    return
  }
  // Back in front: the time away is a gap (the browser gave no positions), and the screen lock is taken again.
  const away = hiddenAt
  hiddenAt = null
  const patrolId = state.patrolId
  if (away !== null && Date.now() - away > 10_000)
    writing = writing.then(() => recordGap(patrolId, new Date(away).toISOString(), new Date().toISOString()))
  void keepAwake()
}

function onPosition(position: GeolocationPosition) {
  const patrolId = state.patrolId
  if (!patrolId) return
  const fix: Fix = {
    t: position.timestamp || Date.now(),
    lon: position.coords.longitude,
    lat: position.coords.latitude,
    acc: Number.isFinite(position.coords.accuracy)
      ? Math.round(position.coords.accuracy * 10) / 10
      : undefined,
  }
  set({ fix, error: null })
  // The server counts only points within the patrol's time: a cached earlier fix would be stored but not counted.
  if (fix.t < startedMs || !shouldKeep(last, fix)) return
  const gap = gapBefore(last, fix)
  last = fix
  // One write after the other: points keep their order and their sequence numbers.
  writing = writing.then(async () => {
    if (gap) await recordGap(patrolId, new Date(gap.from).toISOString(), new Date(gap.to).toISOString())
    await queuePoint(patrolId, {
      t: new Date(fix.t).toISOString(),
      lon: fix.lon,
      lat: fix.lat,
      ...(fix.acc === undefined ? {} : { acc: fix.acc }),
    })
  })
}

function onError(error: GeolocationPositionError) {
  set({ error: error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable' })
}

/**
 * Records the running patrol's track: watchPosition with high accuracy, a point kept every
 * MIN_SECONDS or MIN_METRES, the screen kept on (Wake Lock, taken again when the page comes back).
 * Restored after a reload from the patrol in the local store.
 */
export async function follow(patrolId: string) {
  if (state.patrolId === patrolId) return
  stop()
  const patrol = await db.patrols.get(patrolId)
  last = patrol?.last
    ? { t: Date.parse(patrol.last.t), lon: patrol.last.lon, lat: patrol.last.lat }
    : undefined
  startedMs = patrol ? Date.parse(patrol.startedAt) : 0
  set({ patrolId, fix: null, error: null })
  if (!('geolocation' in navigator)) {
    set({ error: 'unavailable' })
    return
  }
  watchId = navigator.geolocation.watchPosition(onPosition, onError, {
    enableHighAccuracy: true,
    maximumAge: 0,
    timeout: GAP_MS,
  })
  document.addEventListener('visibilitychange', onVisibility)
  await keepAwake()
}

export function stop() {
  if (watchId !== null) navigator.geolocation.clearWatch(watchId)
  watchId = null
  document.removeEventListener('visibilitychange', onVisibility)
  void wakeLock?.release().catch(() => {})
  wakeLock = null
  hiddenAt = null
  last = undefined
  set({ patrolId: null, fix: null, error: null, awake: false })
}

/** Waits until every point seen so far is in the store (before the patrol ends). */
export function flushed() {
  return writing
}

/** On start: a patrol still running (the page was reloaded or closed) is followed again. */
export async function resumeRunning() {
  const running = (await db.patrols.where('state').equals('running').toArray()).find(mine)
  if (running) await follow(running.id)
}
