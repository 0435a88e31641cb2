import { onQueued } from '../outbox'
import { drain } from './drain'
import { pull } from './pull'
import { refreshToday } from './today'

/** The timer's period while the app is open. */
export const SYNC_PERIOD_MS = 60_000

/** Sends the outbox, then refreshes what is read offline; a failure waits for the next trigger. */
export async function syncNow() {
  if (!navigator.onLine) return
  await drain()
  await Promise.allSettled([pull(), refreshToday()])
}

/**
 * The app drives its own sync (a service worker's background sync is Chromium-only and unreliable):
 * on start, when the network returns, when the page becomes visible, every minute while open, and
 * whenever something is queued.
 */
export function startSync(): () => void {
  const run = () => void syncNow()
  const visible = () => {
    if (document.visibilityState === 'visible') run()
  }
  onQueued(() => {
    if (navigator.onLine) void drain()
  })
  window.addEventListener('online', run)
  document.addEventListener('visibilitychange', visible)
  const timer = window.setInterval(run, SYNC_PERIOD_MS)
  run()
  return () => {
    window.removeEventListener('online', run)
    document.removeEventListener('visibilitychange', visible)
    window.clearInterval(timer)
    onQueued(() => {})
  }
}
