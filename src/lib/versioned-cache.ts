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
  let reloading: { changes: number; done: Promise<{ value: T; version: number }> } | null = null

  async function reload(seen: number): Promise<{ value: T; version: number }> {
    const startedAt = Date.now()
    const version = await opts.readVersion()
    if (!held || held.version !== version) held = { value: await opts.load(), version }
    if (seen === changes) checkedAt = startedAt
    return held
  }

  return {
    /** The value in force and the version it was built at. */
    async current(): Promise<{ value: T; version: number }> {
      if (held && Date.now() - checkedAt < checkEveryMs) return held
      if (!reloading || reloading.changes !== changes) {
        const seen = changes
        const done: Promise<{ value: T; version: number }> = (reloading?.done ?? Promise.resolve())
          .catch(() => undefined)
          .then(() => reload(seen))
          .finally(() => {
            if (reloading?.done === done) reloading = null
          })
        reloading = { changes: seen, done }
      }
      return reloading.done
    },
    /** Check the version before the next use. */
    invalidate() {
      changes += 1
      checkedAt = 0
    },
  }
}
