/**
 * A value built from the database and kept in memory, read again when a version row moves (bumped by
 * trigger on every change, on any node). The version is checked at most once per `checkEveryMs`, and
 * at once after `invalidate()` (a change on this node): a caller never gets a value older than its own
 * node's last change, even while a reload begun before that change is still running.
 */
export function createVersionedCache<T>(opts: {
  readVersion: () => Promise<number>
  /** Builds the value. */
  load: () => Promise<T>
  checkEveryMs?: number
}) {
  const checkEveryMs = opts.checkEveryMs ?? 1000
  let held: { value: T; version: number } | null = null
  let checkedAt = 0
  /** Counts this node's changes: a reload begun before the latest one cannot vouch for it. */
  let changes = 0
  /** The reload under way, and the one queued behind it for callers its start predates. */
  let reloading: Promise<{ value: T; version: number }> | null = null
  let queued: Promise<{ value: T; version: number }> | null = null
  let reloadingSaw = -1

  async function reload(): Promise<{ value: T; version: number }> {
    const seen = changes
    reloadingSaw = seen
    const startedAt = Date.now()
    const version = await opts.readVersion()
    if (!held || held.version !== version) held = { value: await opts.load(), version }
    if (seen === changes) checkedAt = startedAt
    return held
  }

  function start(): Promise<{ value: T; version: number }> {
    const run = reload().finally(() => {
      if (reloading === run) reloading = null
    })
    reloading = run
    return run
  }

  return {
    /** The value in force and the version it was built at. */
    async current(): Promise<{ value: T; version: number }> {
      if (held && Date.now() - checkedAt < checkEveryMs) return held
      if (!reloading) return start()
      if (reloadingSaw === changes) return reloading
      // The reload under way began before this node's latest change: one more follows it, shared by
      // every caller until it starts (it reads the version after all of their changes).
      queued ??= reloading
        .catch(() => undefined)
        .then(() => {
          queued = null
          return start()
        })
      return queued
    },
    /** Check the version before the next use. */
    invalidate() {
      changes += 1
      checkedAt = 0
    },
  }
}
